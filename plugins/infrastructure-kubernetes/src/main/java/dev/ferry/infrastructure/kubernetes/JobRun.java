package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Launched;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;

/**
 * A run's Job as the agent follows it, on a thread of its own, from what two informers (the Job, its pods)
 * see: the pod's start (an unschedulable pod is waited for, up to {@code pod_watch_timeout_seconds}; an image
 * that cannot be pulled ends the run), the flow container's log ({@link PodLog}), and the end: the Job's
 * Complete or Failed condition with the container's exit code, or what ended the pod without one. The
 * informers list again and watch on by themselves when a watch closes or its resource version is gone (410).
 */
final class JobRun implements Launched {
  private final String pid;
  private final Cluster cluster;
  private final Cluster.JobRef job;
  private final String container;
  private final KubernetesBlock block;
  private final PodLog log;
  private final CompletableFuture<Exit> exit = new CompletableFuture<>();
  private final Object changes = new Object();
  private SharedIndexInformer<Job> jobs;
  private SharedIndexInformer<Pod> pods;

  private JobRun(String pid, Cluster cluster, Cluster.JobRef job, String container, KubernetesBlock block,
      PodLog log) {
    this.pid = pid;
    this.cluster = cluster;
    this.job = job;
    this.container = container;
    this.block = block;
    this.log = log;
  }

  /**
   * Follows the Job of {@code pid} on {@code cluster}, which the run closes at its end; {@code container} is
   * the flow container, whose log is the run's output and whose exit code is the run's.
   */
  static JobRun follow(String pid, Cluster cluster, Cluster.JobRef job, String container, KubernetesBlock block,
      PodLog log) {
    JobRun run = new JobRun(pid, cluster, job, container, block, log);
    ResourceEventHandler<Object> changed = new ResourceEventHandler<>() {
      @Override
      public void onAdd(Object resource) {
        run.changed();
      }

      @Override
      public void onUpdate(Object before, Object after) {
        run.changed();
      }

      @Override
      public void onDelete(Object resource, boolean finalStateUnknown) {
        run.changed();
      }
    };
    run.jobs = cluster.client().batch().v1().jobs().inNamespace(job.namespace()).withName(job.name())
        .inform(changed, 0);
    run.pods = cluster.client().pods().inNamespace(job.namespace()).withLabel("job-name", job.name())
        .inform(changed, 0);
    Thread thread = new Thread(run::toTheEnd, "ferry-kubernetes-" + job.name());
    thread.setDaemon(true);
    thread.start();
    return run;
  }

  @Override
  public String infrastructurePid() {
    return pid;
  }

  @Override
  public CompletableFuture<Exit> exit() {
    return exit;
  }

  @Override
  public long detach() {
    long at = log.detach();
    changed();
    return at;
  }

  private void changed() {
    synchronized (changes) {
      changes.notifyAll();
    }
  }

  private void toTheEnd() {
    Exit ended;
    try {
      ended = new Watch().end();
    } catch (RuntimeException e) {
      ended = new Exit(-1, "could not be followed to its end (" + KubernetesChecks.message(e) + ")");
    } finally {
      jobs.close();
      pods.close();
      cluster.close();
    }
    if (ended != null && !log.detached()) {
      exit.complete(ended);
    }
  }

  /** The state of one following of the Job, looked at again on each change the informers see. */
  private final class Watch {
    private final long started = System.nanoTime();
    private final PodStart start = new PodStart(block.podWatchTimeout(), log);
    private LogReader reader;

    /** The run's end; null when the agent detached. */
    Exit end() {
      while (!log.detached()) {
        Job current = jobs.getStore().getByKey(job.namespace() + "/" + job.name());
        Pod pod = pods.getStore().list().stream()
            .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp(),
                Comparator.nullsFirst(Comparator.naturalOrder()))).orElse(null);
        Exit ended = look(current, pod);
        if (ended != null) {
          return reader == null ? ended : reader.finish(ended);
        }
        synchronized (changes) {
          try {
            changes.wait(Duration.ofSeconds(1).toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exit(-1, "was left unfollowed: the agent was interrupted");
          }
        }
      }
      return null;
    }

    private Exit look(Job current, Pod pod) {
      Duration deadline = block.jobWatchTimeout();
      if (deadline != null && Duration.ofNanos(System.nanoTime() - started).compareTo(deadline) > 0) {
        return Exit.crashed(-1, "did not end within job_watch_timeout_seconds (" + deadline.toSeconds()
            + " s); its Job " + job.name() + " is left to Kubernetes");
      }
      if (pod != null && reader == null && PodStart.started(pod)) {
        reader = LogReader.start(log, pod.getMetadata().getName(), container, changes);
      }
      Exit end = JobEnd.of(jobs.hasSynced() ? current : new Job(), pod, container);
      if (end != null) {
        return end;
      }
      return reader == null ? start.look(pod) : null;
    }
  }
}

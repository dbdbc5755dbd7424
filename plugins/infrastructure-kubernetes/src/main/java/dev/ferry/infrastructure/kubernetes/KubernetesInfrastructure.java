package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.infrastructure.RunLabels;
import dev.ferry.json.Json;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a flow as a Kubernetes Job, as Prefect's {@code kubernetes-job} block does: the Job {@link JobManifest}
 * builds is created in its namespace and followed ({@link JobRun}) to its end, its flow container's log being
 * the run's output. The infrastructure pid is {@code CLUSTER-UID:NAMESPACE:JOB-NAME}; a stop deletes the Job,
 * its pods first.
 */
public final class KubernetesInfrastructure implements Infrastructure {
  /** A run that stands for any in {@link #fromBlock}'s check: its code in storage, launched by the launcher. */
  private static final RunContext ANY_RUN = new RunContext(new UUID(0, 0), "check", "flow", "deployment",
      Path.of(CodeDelivery.RUN_FOLDER), Map.of("PREFECT_API_URL", "http://127.0.0.1:4200/api"),
      JobManifest.DEFAULT_COMMAND, Path.of(CodeDelivery.RUN_FOLDER, ".ferry", "launcher.py"), null);
  private final KubernetesBlock block;
  private final Map<String, String> agentEnv;

  KubernetesInfrastructure(KubernetesBlock block, Map<String, String> agentEnv) {
    this.block = block;
    this.agentEnv = agentEnv;
  }

  /**
   * The infrastructure of a block document's data (with the deployment's overrides applied). Its Job is
   * built once for a run that stands for any, so that a customization that cannot be applied, or a Job
   * Kubernetes would refuse, is an error where the block or deployment is made, not a crashed run.
   */
  public static KubernetesInfrastructure fromBlock(ObjectNode data) {
    KubernetesBlock block = KubernetesBlock.fromData(data);
    JobManifest.of(block, ANY_RUN, Map.of(CodeDelivery.FERRY_IMAGE, "ferry"));
    return new KubernetesInfrastructure(block, System.getenv());
  }

  @Override
  public String type() {
    return KubernetesBlock.TYPE;
  }

  @Override
  public boolean streamsOutput() {
    return block.streamOutput();
  }

  @Override
  public boolean codeWithoutStorageIsInImage() {
    return true;
  }

  /** The pod's init container pulls the code and the launcher from the API ({@link CodeDelivery}). */
  @Override
  public boolean takesCodeFromAgent() {
    return false;
  }

  @Override
  public List<Check> checks() {
    try (Cluster cluster = Cluster.of(block, agentEnv)) {
      return new KubernetesChecks(block, agentEnv).checks(cluster, JobManifest.namespace(block));
    } catch (KubernetesClientException e) {
      return List.of(Check.failed("kubernetes cluster", "cannot be configured (" + KubernetesChecks.message(e) + ")",
          "give the agent a kubeconfig (KUBECONFIG), or set the block's cluster_config"));
    }
  }

  @Override
  public LaunchSpec prepare(RunContext context) {
    JobManifest manifest = JobManifest.of(block, context, describing());
    return new LaunchSpec(manifest.argv(), manifest.env(),
        manifest.workingDir() == null ? null : Path.of(manifest.workingDir()), context.workingDir(),
        manifest.usesDefaultCommand(), context);
  }

  /** The Job, as the API takes it. */
  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> describe(LaunchSpec spec) {
    return Json.convert(JobManifest.of(block, spec.run(), describing()).job(), Map.class);
  }

  /**
   * The agent's environment for a Job described rather than created: {@code ferry flow-run explain} may run
   * where the agent's {@value CodeDelivery#FERRY_IMAGE} is not set, and then names the image by that variable.
   * A launch reads the agent's own environment, and fails there when it is not set.
   */
  private Map<String, String> describing() {
    String image = agentEnv.get(CodeDelivery.FERRY_IMAGE);
    if (image != null && !image.isBlank()) {
      return agentEnv;
    }
    Map<String, String> env = new HashMap<>(agentEnv);
    env.put(CodeDelivery.FERRY_IMAGE, "$" + CodeDelivery.FERRY_IMAGE);
    return env;
  }

  @Override
  public Launched launch(LaunchSpec spec, Consumer<String> output) {
    JobManifest manifest = JobManifest.of(block, spec.run(), agentEnv);
    Cluster cluster = Cluster.of(block, agentEnv);
    try {
      Job created = cluster.client().batch().v1().jobs().inNamespace(manifest.namespace())
          .resource(Serialization.unmarshal(Json.write(manifest.job()), Job.class)).create();
      Cluster.JobRef job = new Cluster.JobRef(manifest.namespace(), created.getMetadata().getName());
      return JobRun.follow(cluster.pid(job.namespace(), job.name()), cluster, job, manifest.flowContainer(), block,
          new PodLog(cluster.client(), job.namespace(), 0, output));
    } catch (KubernetesClientException e) {
      cluster.close();
      throw new InfrastructureException("Cluster " + cluster.server() + " refused to create the Job of the run in"
          + " namespace " + manifest.namespace() + ": " + KubernetesChecks.message(e) + "; mend what it names in"
          + " the block's fields, or the agent's permissions ('ferry doctor' checks them)", e);
    }
  }

  /** The Jobs of ferry's runs in the block's namespace that have not ended, by their runs' labels. */
  @Override
  public Map<UUID, String> running() {
    try (Cluster cluster = Cluster.of(block, agentEnv)) {
      String namespace = JobManifest.namespace(block);
      Map<UUID, String> running = new HashMap<>();
      for (Job job : cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel(RunLabels.VERSION)
          .withLabel(JobManifest.LABELS.flowRunId()).list().getItems()) {
        UUID run = JobManifest.LABELS.runOf(job.getMetadata().getLabels());
        if (run != null && !JobEnd.finished(job)) {
          running.put(run, cluster.pid(namespace, job.getMetadata().getName()));
        }
      }
      return running;
    } catch (KubernetesClientException e) {
      throw new InfrastructureException("Cannot list the Jobs of namespace " + JobManifest.namespace(block) + ": "
          + KubernetesChecks.message(e) + "; 'ferry doctor' checks the agent's access", e);
    }
  }

  /**
   * Follows a Job an agent before this one created, from where that agent's output stopped, to its end. A
   * Job already gone (deleted, or by {@code finished_job_ttl}) leaves nothing to follow, and its end is not
   * known. Kubernetes never gives a Job's uid-suffixed name to another while it exists, so {@code startedBefore}
   * has nothing to tell apart here.
   */
  @Override
  public Launched reattach(String infrastructurePid, Path runDir, Instant startedBefore, long outputOffset,
      Consumer<String> output) {
    Cluster cluster = Cluster.of(block, agentEnv);
    try {
      Cluster.JobRef ref = cluster.job(infrastructurePid);
      PodLog log = new PodLog(cluster.client(), ref.namespace(), outputOffset, output);
      Job job = cluster.client().batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
      if (job == null) {
        log.say("[ferry] Job " + ref.name() + " in namespace " + ref.namespace() + " is gone (deleted), with the"
            + " rest of its output");
        cluster.close();
        return new EndedRun(infrastructurePid, Exit.unknown(), outputOffset);
      }
      ObjectNode podSpec = (ObjectNode) Json.toTree(job.getSpec().getTemplate().getSpec());
      return JobRun.follow(infrastructurePid, cluster, ref, FlowContainer.of(podSpec).path("name").asText(), block,
          log);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Deletes the Job with foreground propagation, so that its pods go first: each container gets SIGTERM,
   * {@code grace} (in whole seconds, rounded up) to end, then SIGKILL.
   */
  @Override
  public void kill(String infrastructurePid, Duration grace) {
    try (Cluster cluster = Cluster.of(block, agentEnv)) {
      Cluster.JobRef job = cluster.job(infrastructurePid);
      List<?> deleted = cluster.client().batch().v1().jobs().inNamespace(job.namespace()).withName(job.name())
          .withPropagationPolicy(DeletionPropagation.FOREGROUND).withGracePeriod((grace.toMillis() + 999) / 1000)
          .delete();
      if (deleted.isEmpty()) {
        throw new InfrastructureNotFound("Job " + job.name() + " in namespace " + job.namespace()
            + " is gone: nothing is left to stop");
      }
    }
  }
}

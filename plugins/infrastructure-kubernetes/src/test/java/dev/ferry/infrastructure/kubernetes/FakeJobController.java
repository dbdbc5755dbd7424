package dev.ferry.infrastructure.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Job controller and the kubelet, played against {@link MockCluster}: a new Job gets a pod (labelled
 * {@code job-name} and {@code controller-uid}) that goes Pending, then as the test's {@link Scenario} says.
 * A pod that runs runs the flow container's command as a process here, with its env, {@code /opt/ferry/run}
 * being the run's folder (as if the init container had filled it); its output is the pod's log and its exit
 * code the container's. A deleted Job's process is killed and its pod deleted. Told which program stands for
 * which image ({@link #runInitContainers}), it runs the pod's init containers too, first, each pod with an
 * empty folder of its own at {@code /opt/ferry/run}, as an emptyDir volume is.
 */
public final class FakeJobController implements AutoCloseable {
  /** What happens to the next Job's pod. */
  enum Scenario { RUN, PULL_ERROR, UNSCHEDULABLE, EVICTED }

  private final MockCluster cluster;
  private final KubernetesClient client;
  private final SharedIndexInformer<Job> jobs;
  private final ExecutorService work = Executors.newCachedThreadPool();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> scheduled = new ConcurrentHashMap<>();
  private volatile Scenario scenario = Scenario.RUN;
  private volatile Path runFolder;
  private volatile Map<String, Path> initImages = Map.of();

  public FakeJobController(MockCluster cluster) {
    this.cluster = cluster;
    this.client = cluster.client;
    this.jobs = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Job job) {
        work.submit(() -> start(job));
      }

      @Override
      public void onUpdate(Job before, Job after) {
        // the controller's own status updates
      }

      @Override
      public void onDelete(Job job, boolean finalStateUnknown) {
        work.submit(() -> stop(job));
      }
    });
  }

  void scenario(Scenario next) {
    scenario = next;
  }

  /** The run's folder on this machine, which {@code /opt/ferry/run} in the pod stands for. */
  void runFolder(Path folder) {
    runFolder = folder;
  }

  /**
   * Runs init containers: those of an image that {@code programs} names, as that program (the ferry
   * script for the ferry image), in this machine's environment with the container's on top; each pod
   * gets an empty folder of its own for {@code /opt/ferry/run}.
   */
  public void runInitContainers(Map<String, Path> programs) {
    initImages = Map.copyOf(programs);
  }

  /** Lets the unschedulable pod of {@code job} be scheduled. */
  void schedule(String job) {
    scheduled.computeIfAbsent(job, name -> new CompletableFuture<>()).complete(null);
  }

  private void start(Job job) {
    String name = job.getMetadata().getName();
    String namespace = job.getMetadata().getNamespace();
    Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadataLike(job.getSpec().getTemplate().getMetadata()).withName(name + "-x7k2p")
        .withNamespace(namespace).addToLabels("job-name", name)
        .addToLabels("controller-uid", String.valueOf(job.getMetadata().getUid())).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withStatus(new PodStatusBuilder().withPhase("Pending").build()).build()).create();
    Container container = pod.getSpec().getContainers().get(0);
    switch (scenario) {
      case PULL_ERROR -> status(pod, new PodStatusBuilder().withPhase("Pending").addToContainerStatuses(
          new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
              .withNewState().withNewWaiting().withReason("ErrImagePull")
              .withMessage("pull access denied for " + container.getImage()).endWaiting().endState().build())
          .build());
      case UNSCHEDULABLE -> {
        status(pod, new PodStatusBuilder().withPhase("Pending").addToConditions(new PodConditionBuilder()
            .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
            .withMessage("0/3 nodes are available: 3 Insufficient cpu.").build()).build());
        scheduled.computeIfAbsent(name, n -> new CompletableFuture<>()).join();
        run(job, pod, container);
      }
      case EVICTED -> {
        status(pod, running(container));
        status(pod, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
            .withMessage("The node was low on resource: memory.").build());
        jobStatus(job, "Failed", "BackoffLimitExceeded");
      }
      case RUN -> run(job, pod, container);
    }
  }

  private void run(Job job, Pod pod, Container container) {
    Path folder = initImages.isEmpty() ? runFolder : emptyDir();
    List<Container> inits = initImages.isEmpty() ? List.of() : pod.getSpec().getInitContainers();
    for (Container init : inits) {
      int code = runInit(init, folder);
      if (code != 0) {
        status(pod, new PodStatusBuilder().withPhase("Failed").addToInitContainerStatuses(new ContainerStatusBuilder()
            .withName(init.getName()).withNewState().withNewTerminated().withExitCode(code).endTerminated()
            .endState().build()).build());
        jobStatus(job, "Failed", "BackoffLimitExceeded");
        return;
      }
    }
    List<String> argv = new ArrayList<>();
    if (container.getCommand() != null) {
      argv.addAll(container.getCommand());
    }
    argv.addAll(container.getArgs());
    ProcessBuilder builder = new ProcessBuilder(argv.stream().map(arg -> local(arg, folder)).toList())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar variable : container.getEnv()) {
      builder.environment().put(variable.getName(), variable.getValue());
    }
    if (container.getWorkingDir() != null) {
      builder.directory(Path.of(local(container.getWorkingDir(), folder)).toFile());
    }
    String podName = pod.getMetadata().getName();
    List<String> log = new CopyOnWriteArrayList<>();
    cluster.logs.put(podName, log);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    processes.put(job.getMetadata().getName(), process);
    status(pod, running(container));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      long last = 0;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Instant now = Instant.now();
        last = Math.max(last + 1, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        log.add(Instant.ofEpochSecond(0, last) + " " + line);
      }
      int code = process.waitFor();
      status(pod, new PodStatusBuilder().withPhase(code == 0 ? "Succeeded" : "Failed").addToContainerStatuses(
          new ContainerStatusBuilder().withName(container.getName()).withNewState().withNewTerminated()
              .withExitCode(code).endTerminated().endState().build()).build());
      jobStatus(job, code == 0 ? "Complete" : "Failed", code == 0 ? null : "BackoffLimitExceeded");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stop(Job job) {
    Process process = processes.remove(job.getMetadata().getName());
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    client.pods().inNamespace(job.getMetadata().getNamespace()).withLabel("job-name", job.getMetadata().getName())
        .delete();
  }

  /** An init container of a known image, run to its end here; its exit code. */
  private int runInit(Container init, Path folder) {
    Path program = initImages.get(init.getImage());
    if (program == null) {
      throw new IllegalStateException("no program stands for image " + init.getImage() + " of " + init.getName());
    }
    List<String> argv = new ArrayList<>(List.of(program.toString()));
    init.getArgs().forEach(arg -> argv.add(local(arg, folder)));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(Redirect.INHERIT);
    init.getEnv().forEach(variable -> builder.environment().put(variable.getName(), variable.getValue()));
    builder.environment().put("FERRY_HOME", folder.resolveSibling(folder.getFileName() + "-home").toString());
    try {
      return builder.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Path emptyDir() {
    try {
      return Files.createTempDirectory("ferry-fake-pod-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String local(String path, Path folder) {
    return path.startsWith(CodeDelivery.RUN_FOLDER) ? folder + path.substring(CodeDelivery.RUN_FOLDER.length())
        : path;
  }

  private static PodStatus running(Container container) {
    return new PodStatusBuilder().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder()
        .withName(container.getName()).withNewState().withNewRunning().endRunning().endState().build()).build();
  }

  private void status(Pod pod, PodStatus status) {
    client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .edit(current -> new PodBuilder(current).withStatus(status).build());
  }

  private void jobStatus(Job job, String condition, String reason) {
    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
        .edit(current -> new JobBuilder(current).withStatus(
            new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType(condition).withStatus("True")
                .withReason(reason).build()).build()).build());
  }

  @Override
  public void close() {
    jobs.close();
    processes.values().forEach(Process::destroyForcibly);
    work.shutdownNow();
  }
}

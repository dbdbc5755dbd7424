package dev.ferry.cli;

import static dev.ferry.cli.FerryProcess.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.infrastructure.kubernetes.FakeJobController;
import dev.ferry.infrastructure.kubernetes.MockCluster;
import dev.ferry.json.Json;
import dev.ferry.json.Yaml;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow runs as Kubernetes Jobs, through the real ferry jar and its kubernetes-job plugin: an agent whose
 * kubeconfig names fabric8's mock API server (in CRUD mode, in this JVM; no real cluster can run here), and
 * a fake Job controller and kubelet that run each pod's containers as processes here, the init container
 * being the ferry script (standing for the ferry image) that pulls the run's code and the launcher from the
 * API into the pod's empty folder, then the flow container's command in it.
 */
class KubernetesRunIT {
  private static final Path FERRY = Path.of("../ferry").toAbsolutePath().normalize();
  private static final String FERRY_IMAGE = "ferry:it";
  private static final String FLOWS = """
      import time
      from prefect import flow

      @flow(name="hello")
      def hello(name: str = "world"):
          print(f"Hello from a pod, {name}!")

      @flow(name="slow")
      def slow():
          print("sleeping", flush=True)
          time.sleep(300)
      """;

  @TempDir Path root;
  private MockCluster cluster;
  private FakeJobController controller;
  private FerryProcess ferry;
  private Process agent;

  @BeforeEach
  void clusterBlocksAndAgent() throws Exception {
    cluster = new MockCluster();
    controller = new FakeJobController(cluster);
    controller.runInitContainers(Map.of(FERRY_IMAGE, FERRY));
    Path kubeconfig = root.resolve("kubeconfig");
    Files.writeString(kubeconfig, Json.write(cluster.kubeconfig()));
    Path project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows"));
    Files.writeString(project.resolve("flows/flows.py"), FLOWS);
    Path store = Files.createDirectories(root.resolve("store"));
    ferry = new FerryProcess(project, root.resolve("home"))
        .withEnv(Map.of("KUBECONFIG", kubeconfig.toString(), "FERRY_IMAGE", FERRY_IMAGE));
    succeeds(ferry.run("block", "create", "local-file-system", "shared", "--set", "basepath=" + store));
    succeeds(ferry.run("block", "create", "kubernetes-job", "k8s", "--set", "image=python:3.11-slim",
        "--set", "namespace=default"));
    startAgent();
  }

  @AfterEach
  void stopAgentAndCluster() throws Exception {
    stopAgent();
    controller.close();
    cluster.close();
  }

  @Test
  void aRunGetsItsCodeThroughItsInitContainerAndCompletesInItsJob() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:hello", "-n", "pod", "-q", "k8s",
        "-sb", "local-file-system/shared/hello", "-ib", "kubernetes-job/k8s", "--apply"));

    Result run = ferry.run("deployment", "run", "hello/pod", "--param", "name=Ada", "--watch");

    assertThat(run.exitCode()).as(run.out() + run.err() + agentLog()).isZero();
    assertThat(run.out()).contains("Hello from a pod, Ada!").contains("finished in state Completed");
    JsonNode job = Yaml.MAPPER.readTree(ferry.run("flow-run", "explain", run.runId()).out()).path("launch");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    assertThat(job.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo(FERRY_IMAGE);
    assertThat(job.at("/spec/template/spec/initContainers/0/args").toString())
        .contains("\"storage\",\"pull\",\"--flow-run-id\",\"" + run.runId() + "\"").contains("--launcher");
    assertThat(job.at("/metadata/labels/prefect.io~1flow-run-id").asText()).isEqualTo(run.runId());
    assertThat(cluster.requestsTheRolesRefuse()).as("the runner's requests the agent's Roles do not allow")
        .isEmpty();
  }

  @Test
  void aCancelledRunIsCancelledWithItsJobDeleted() throws Exception {
    String runId = slowRunInItsPod();

    succeeds(ferry.run("flow-run", "cancel", runId));

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.state(runId).path("type").asText().equals("CANCELLED"));
    assertThat(cluster.client().batch().v1().jobs().inNamespace("default")
        .withLabel("prefect.io/flow-run-id", runId).list().getItems()).as("the run's Jobs").isEmpty();
  }

  @Test
  void whatWasLeftRunningForEndedRunsIsStoppedWhenAnAgentStartsAndThatOfUnknownRunsSaid() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:hello", "-n", "pod", "-q", "k8s",
        "-sb", "local-file-system/shared/hello", "-ib", "kubernetes-job/k8s", "--apply"));
    String ended = ferry.run("deployment", "run", "hello/pod", "--watch").runId();
    assertThat(ferry.state(ended).path("type").asText()).isEqualTo("COMPLETED");
    stopAgent();
    String unknown = UUID.randomUUID().toString();
    leftRunning("left-for-ended", ended);
    leftRunning("left-for-unknown", unknown);

    startAgent();

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> gone("left-for-ended") && ferry.read(agent, "err").contains("whose run ended"));
    assertThat(ferry.read(agent, "err"))
        .containsPattern("Stopped [^ ]+:default:left-for-ended, left running for flow run " + ended
            + ", whose run ended COMPLETED")
        .containsPattern("Left [^ ]+:default:left-for-unknown running: it is labelled for flow run " + unknown
            + ", which this server does not know");
    assertThat(gone("left-for-unknown")).as("the Job of a run another server may know").isFalse();
    assertThat(cluster.requestsTheRolesRefuse()).as("the runner's requests the agent's Roles do not allow")
        .isEmpty();
  }

  @Test
  void aRunLeftRunningWhoseJobVanishedEndsCrashedWhenTheNextAgentTakesItOver() throws Exception {
    String runId = slowRunInItsPod();
    stopAgent(); // --drain-timeout 0: the Job is left running, for the next agent to take over
    cluster.client().batch().v1().jobs().inNamespace("default").withLabel("prefect.io/flow-run-id", runId)
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    startAgent();

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(ferry.state(runId).path("type").asText()).as(agentLog()).isEqualTo("CRASHED"));
    assertThat(ferry.read(agent, "err")).contains("Taking over flow run");
    assertThat(ferry.run("flow-run", "logs", runId).out()).containsOnlyOnce("sleeping")
        .contains("in namespace default is gone (deleted)");
  }

  /** A run of the slow flow, once its pod has started it. */
  private String slowRunInItsPod() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:slow", "-n", "pod", "-q", "k8s",
        "-sb", "local-file-system/shared/slow", "-ib", "kubernetes-job/k8s", "--apply"));
    String runId = ferry.run("deployment", "run", "slow/pod").runId();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.run("flow-run", "logs", runId).out().contains("sleeping"));
    return runId;
  }

  /** An agent on the k8s queue, polling every half second, that leaves its runs running when it stops. */
  private void startAgent() throws IOException {
    agent = ferry.start("agent", "start", "-q", "k8s", "--query-interval", "0.5", "--drain-timeout", "0");
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> ferry.read(agent, "err").contains("polling work queues"));
  }

  /** A running Job of ferry's for {@code runId}, as an agent killed before it could stop it leaves it. */
  private void leftRunning(String name, String runId) {
    Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace("default")
        .addToLabels("prefect.io/flow-run-id", runId).addToLabels("dev.ferry.version", "left").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
        .withName("prefect-job").withImage("python:3.11-slim").withArgs("sleep", "300").endContainer()
        .endSpec().endTemplate().endSpec().build();
    cluster.client().batch().v1().jobs().inNamespace("default").resource(job).create();
  }

  private boolean gone(String job) {
    return cluster.client().batch().v1().jobs().inNamespace("default").withName(job).get() == null;
  }

  private void stopAgent() throws InterruptedException {
    agent.destroy();
    if (!agent.waitFor(60, TimeUnit.SECONDS)) {
      agent.destroyForcibly().waitFor();
    }
  }

  private String agentLog() throws Exception {
    return "\nagent:\n" + ferry.read(agent, "err");
  }
}

package dev.ferry.infrastructure.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureContract;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against fabric8's mock API server in CRUD mode, with a fake Job controller and kubelet that run
 * the flow container's command here; and what a cluster does to a run: an image that cannot be pulled, a pod
 * that waits to be scheduled, an eviction, watches that drop or whose resource version is gone, a cancellation,
 * a pid of another cluster, an agent that takes a run over.
 */
class KubernetesInfrastructureIT extends InfrastructureContract {
  private static final Map<String, String> AGENT_ENV = Map.of("FERRY_IMAGE", "ferry:test");

  private MockCluster cluster;
  private FakeJobController controller;

  @BeforeEach
  void startCluster() {
    cluster = new MockCluster();
    controller = new FakeJobController(cluster);
    controller.runFolder(workingDir);
  }

  @AfterEach
  void stopCluster() {
    controller.close();
    cluster.close();
  }

  /** After every test: all that the runner asked of the API is what the agent's Role and ClusterRole grant. */
  @AfterEach
  void theRunnerAskedOnlyWhatTheAgentsRolesAllow() {
    assertThat(cluster.requestsTheRolesRefuse()).as("the runner's requests that KubernetesAccess does not allow")
        .isEmpty();
  }

  @Override
  protected Infrastructure create(List<String> command, Map<String, String> env) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("command", command);
    fields.put("env", env);
    return infrastructure(fields);
  }

  @Override
  protected Infrastructure createUnrunnable() {
    Map<String, Object> nowhere = Map.of("apiVersion", "v1", "kind", "Config", "current-context", "nowhere",
        "clusters", List.of(Map.of("name", "nowhere", "cluster", Map.of("server", "http://127.0.0.1:1"))),
        "users", List.of(Map.of("name", "nowhere", "user", Map.of("token", "t"))),
        "contexts", List.of(Map.of("name", "nowhere", "context", Map.of("cluster", "nowhere", "user", "nowhere"))));
    return infrastructure(Map.of("cluster_config", Map.of("config", nowhere)));
  }

  @Test
  void theJobIsCreatedInItsNamespaceAndThePidNamesTheClusterTheNamespaceAndTheJob() throws Exception {
    Launched launched = launch(infrastructure(Map.of("command", List.of("true"))), new CopyOnWriteArrayList<>());

    assertThat(launched.exit().toCompletableFuture().get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(launched.infrastructurePid()).startsWith(cluster.uid + ":default:test-run-");
    String name = launched.infrastructurePid().substring(launched.infrastructurePid().lastIndexOf(':') + 1);
    assertThat(cluster.client.batch().v1().jobs().inNamespace("default").withName(name).get().getMetadata()
        .getLabels()).containsEntry("prefect.io/flow-name", "test-flow").containsEntry("dev.ferry.version", "dev");
  }

  @Test
  void anImageThatCannotBePulledEndsTheRunCrashedWithTheReason() throws Exception {
    controller.scenario(FakeJobController.Scenario.PULL_ERROR);

    Exit exit = exitOf(launch(infrastructure(Map.of("command", List.of("true"))), new CopyOnWriteArrayList<>()));

    assertThat(exit.crashed()).isTrue();
    assertThat(exit.description()).contains("cannot be pulled (ErrImagePull: pull access denied");
  }

  @Test
  void anUnschedulablePodIsWaitedForAndTheSchedulersMessageSaidOnce() throws Exception {
    controller.scenario(FakeJobController.Scenario.UNSCHEDULABLE);
    List<String> output = new CopyOnWriteArrayList<>();
    Launched launched = launch(infrastructure(Map.of("command", List.of("sh", "-c", "echo ran"))), output);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> output.stream()
        .anyMatch(line -> line.contains("cannot be scheduled yet: 0/3 nodes are available: 3 Insufficient cpu.")));

    controller.schedule(jobName(launched));

    assertThat(exitOf(launched).succeeded()).isTrue();
    assertThat(output).filteredOn(line -> line.contains("cannot be scheduled")).hasSize(1);
    assertThat(output).endsWith("ran");
  }

  @Test
  void anEvictedPodEndsTheRunCrashedNamingTheEviction() throws Exception {
    controller.scenario(FakeJobController.Scenario.EVICTED);

    Exit exit = exitOf(launch(infrastructure(Map.of("command", List.of("true"))), new CopyOnWriteArrayList<>()));

    assertThat(exit.crashed()).isTrue();
    assertThat(exit.description()).isEqualTo("was evicted from its node: The node was low on resource: memory.");
  }

  @Test
  void aRunOutlivesAWatchThatDropsAndAResourceVersionThatIsGone() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Launched launched = launch(infrastructure(Map.of("command", List.of("sh", "-c",
        "echo waiting; while [ ! -f go ]; do sleep 0.05; done; echo done; exit 4"))), output);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> output.contains("waiting"));
    int watches = cluster.jobWatchRequests();

    cluster.goneOnNextJobWatch();
    cluster.dropJobWatches();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cluster.jobWatchRequests() >= watches + 2);
    Files.writeString(workingDir.resolve("go"), "");

    assertThat(exitOf(launched).code()).isEqualTo(4);
    assertThat(output).containsExactly("waiting", "done");
  }

  @Test
  void aJobThatOutlivesJobWatchTimeoutSecondsEndsTheRunCrashedSayingSo() throws Exception {
    Exit exit = exitOf(launch(infrastructure(Map.of("job_watch_timeout_seconds", 1, "command", List.of("sh", "-c",
        "while [ ! -f go ]; do sleep 0.05; done"))), new CopyOnWriteArrayList<>()));

    assertThat(exit.crashed()).isTrue();
    assertThat(exit.description()).startsWith("did not end within job_watch_timeout_seconds (1 s)");
  }

  @Test
  void aKillDeletesTheJobInTheForegroundWithTheGracePeriod() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = infrastructure(Map.of("command", List.of("sh", "-c",
        "echo started; while true; do sleep 0.05; done")));
    Launched launched = launch(infrastructure, output);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> output.contains("started"));

    infrastructure.kill(launched.infrastructurePid(), Duration.ofMillis(2500));

    assertThat(exitOf(launched).succeeded()).isFalse();
    assertThat(cluster.deletes).anySatisfy(delete -> assertThat(delete)
        .contains("/apis/batch/v1/namespaces/default/jobs/" + jobName(launched))
        .contains("\"propagationPolicy\":\"Foreground\"").contains("\"gracePeriodSeconds\":3"));
    assertThatThrownBy(() -> infrastructure.kill(launched.infrastructurePid(), Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotFound.class).hasMessageContaining("is gone");
  }

  @Test
  void runningListsTheJobsOfRunsThatHaveNotEnded() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = infrastructure(Map.of("command", List.of("sh", "-c",
        "echo started; while [ ! -f go ]; do sleep 0.05; done")));
    Launched launched = launch(infrastructure, output);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> output.contains("started"));

    Map<UUID, String> running = infrastructure.running();
    Files.writeString(workingDir.resolve("go"), "");
    exitOf(launched);

    assertThat(running).containsValue(launched.infrastructurePid()).hasSize(1);
    assertThat(infrastructure.running()).as("once its Job is complete").isEmpty();
  }

  @Test
  void aJobOfAnotherClusterIsLeftToItsAgent() {
    Infrastructure infrastructure = infrastructure(Map.of("command", List.of("true")));

    assertThatThrownBy(() -> infrastructure.kill("another-cluster:default:etl-abcde", Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotAvailable.class).hasMessageContaining("another cluster (another-cluster)");
  }

  @Test
  void anAgentThatTakesTheRunOverHandsOnEachLineOnce() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = infrastructure(Map.of("command", List.of("sh", "-c",
        "echo one; echo two; while [ ! -f go ]; do sleep 0.05; done; echo three")));
    Launched launched = launch(infrastructure, first);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> first.contains("two"));
    long offset = launched.detach();

    List<String> second = new CopyOnWriteArrayList<>();
    Launched taken = infrastructure.reattach(launched.infrastructurePid(), workingDir, Instant.now(), offset,
        second::add);
    Files.writeString(workingDir.resolve("go"), "");

    assertThat(exitOf(taken).succeeded()).isTrue();
    assertThat(first).containsExactly("one", "two");
    assertThat(second).containsExactly("three");
    assertThat(launched.exit().toCompletableFuture().isDone()).isFalse();
  }

  @Test
  void aJobAlreadyGoneIsTakenOverAsEndedUnknown() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Launched taken = infrastructure(Map.of()).reattach(cluster.uid + ":default:gone-abcde", workingDir,
        Instant.now(), 0, output::add);

    assertThat(exitOf(taken).known()).isFalse();
    assertThat(output).singleElement().asString().contains("Job gone-abcde in namespace default is gone");
  }

  @Test
  void withoutTheFerryImageAJobIsDescribedNamingTheVariableButNotCreated() throws Exception {
    Infrastructure infrastructure = new KubernetesInfrastructure(KubernetesBlock.fromData(cluster.block(Map.of())),
        Map.of());
    LaunchSpec spec = infrastructure.prepare(run());

    assertThat(Json.toTree(infrastructure.describe(spec)).at("/spec/template/spec/initContainers/0/image").asText())
        .isEqualTo("$FERRY_IMAGE");
    assertThatThrownBy(() -> infrastructure.launch(spec, line -> { }))
        .isInstanceOf(InfrastructureException.class).hasMessageContaining("FERRY_IMAGE is not set");
    assertThat(cluster.client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
  }

  private Infrastructure infrastructure(Map<String, ?> fields) {
    return new KubernetesInfrastructure(KubernetesBlock.fromData(cluster.block(fields)), AGENT_ENV);
  }

  private Launched launch(Infrastructure infrastructure, List<String> output) throws Exception {
    return infrastructure.launch(infrastructure.prepare(run()), output::add);
  }

  private RunContext run() throws Exception {
    Path launcher = workingDir.resolve(".ferry/launcher.py");
    Files.createDirectories(launcher.getParent());
    return new RunContext(UUID.randomUUID(), "test-run", "test-flow", "test-deployment", workingDir,
        Map.of(), List.of("python3", launcher.toString()), launcher, null);
  }

  private static Exit exitOf(Launched launched) throws Exception {
    return launched.exit().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String jobName(Launched launched) {
    return launched.infrastructurePid().substring(launched.infrastructurePid().lastIndexOf(':') + 1);
  }
}

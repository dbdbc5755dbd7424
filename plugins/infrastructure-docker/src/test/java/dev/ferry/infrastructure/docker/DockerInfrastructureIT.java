package dev.ferry.infrastructure.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureContract;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real engine, with containers on the host's network (of the busybox image for
 * a shell's command, of the base image for Python), and what a user sees of a run's container: its
 * labels, its name, its pid, how it stops.
 */
class DockerInfrastructureIT extends InfrastructureContract {
  private final TestContainers containers = new TestContainers();

  @Override
  protected Infrastructure create(List<String> command, Map<String, String> env) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("command", command);
    fields.put("env", env);
    // the default command (the launcher) and a Python one need the base image; any other, a shell
    boolean python = command == null || command.get(0).startsWith("python");
    return python ? containers.infrastructure(fields) : containers.shellInfrastructure(fields);
  }

  @Override
  protected Infrastructure createUnrunnable() {
    return containers.infrastructure(Map.of("image", "ferry-test/no-such-image:1", "image_pull_policy", "NEVER"));
  }

  @AfterEach
  void removeContainers() {
    containers.removeAll();
  }

  @Test
  void theContainerIsLabelledWithItsRunAndATakenNameGetsASuffix() throws Exception {
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("command", List.of("true"),
        "labels", Map.of(TestContainers.TEST_LABEL, containers.testId, "prefect.io/team", "data")));
    String name = "ferry-it-" + containers.testId;

    InspectContainerResponse first = finished(infrastructure, name);
    InspectContainerResponse second = finished(infrastructure, name);

    assertThat(first.getName()).isEqualTo("/" + name);
    assertThat(second.getName()).isEqualTo("/" + name + "-1");
    assertThat(first.getConfig().getLabels())
        .containsEntry("io.prefect.flow-run-name", name)
        .containsEntry("io.prefect.flow-name", "test-flow")
        .containsEntry("io.prefect.deployment-name", "test-deployment")
        .containsEntry("io.prefect.team", "data")
        .containsEntry("dev.ferry.version", "dev")
        .containsKey("io.prefect.flow-run-id");
  }

  @Test
  void thePidNamesTheEngineAndTheContainer() throws Exception {
    Infrastructure infrastructure = create(List.of("true"), Map.of());
    Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(workingDir, "pid", null)),
        line -> { });
    launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

    String engineId = containers.client().infoCmd().exec().getId();
    assertThat(launched.infrastructurePid()).startsWith(engineId + ":");
    assertThat(containers.container(launched.infrastructurePid())).isPresent();
  }

  @Test
  void aContainerThatStopsWhenAskedEndsWithinTheGracePeriodWithItsOwnCode() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = create(List.of("sh", "-c",
        "trap 'echo stopping politely; exit 0' TERM; echo started; while true; do sleep 0.1; done"), Map.of());
    Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(workingDir, "polite", null)),
        output::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("started"));

    infrastructure.kill(launched.infrastructurePid(), Duration.ofSeconds(10));

    Exit exit = launched.exit().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(exit.code()).isZero();
    assertThat(output).endsWith("stopping politely");
  }

  @Test
  void aCommandThatDoesNotHandleSigtermEndsAtOnceOnAStopNotAfterTheGracePeriod() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = create(List.of("python3", "-c",
        "import time; print('started', flush=True); time.sleep(300)"), Map.of());
    Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(workingDir, "sleeper", null)),
        output::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("started"));

    long start = System.nanoTime();
    infrastructure.kill(launched.infrastructurePid(), Duration.ofSeconds(30));
    Exit exit = launched.exit().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(exit.description()).isEqualTo("was killed by signal 15 (SIGTERM)");
  }

  @Test
  void aContainerOnAnotherEngineIsLeftToItsAgentAndOneGoneIsNotFound() throws Exception {
    Infrastructure infrastructure = create(List.of("true"), Map.of());
    assertThatThrownBy(() -> infrastructure.kill("ANOTHER:ENGINE:abc123", Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotAvailable.class).hasMessageContaining("ANOTHER:ENGINE");

    Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(workingDir, "gone", null)),
        line -> { });
    launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertThatThrownBy(() -> infrastructure.kill(launched.infrastructurePid(), Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotFound.class).hasMessageContaining("has already ended");
    containers.removeAll();
    assertThatThrownBy(() -> infrastructure.kill(launched.infrastructurePid(), Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotFound.class).hasMessageContaining("is gone");
  }

  @Test
  void runningListsTheContainersOfRunsThatHaveNotEnded() throws Exception {
    Infrastructure infrastructure = create(List.of("sh", "-c", "echo started; sleep 300"), Map.of());
    RunContext sleeping = TestContainers.run(workingDir, "sleeping", null);
    List<String> output = new CopyOnWriteArrayList<>();
    Launched launched = infrastructure.launch(infrastructure.prepare(sleeping), output::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("started"));
    RunContext ended = TestContainers.run(workingDir, "ended", null);
    Infrastructure quick = create(List.of("true"), Map.of());
    quick.launch(quick.prepare(ended), line -> { }).exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

    Map<UUID, String> running = infrastructure.running();

    assertThat(running).containsEntry(sleeping.flowRunId(), launched.infrastructurePid())
        .doesNotContainKey(ended.flowRunId());
  }

  private InspectContainerResponse finished(Infrastructure infrastructure, String runName) throws Exception {
    RunContext run = TestContainers.run(workingDir, runName, null);
    LaunchSpec spec = infrastructure.prepare(run);
    Launched launched = infrastructure.launch(spec, line -> { });
    launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return containers.container(launched.infrastructurePid()).orElseThrow();
  }
}

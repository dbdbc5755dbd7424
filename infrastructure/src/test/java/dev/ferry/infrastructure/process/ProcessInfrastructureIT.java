package dev.ferry.infrastructure.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.InfrastructureContract;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessInfrastructureIT extends InfrastructureContract {
  @Override
  protected Infrastructure create(List<String> command, Map<String, String> env) {
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(command));
    data.set("env", Json.toTree(env));
    return InfrastructureBlocks.create("process", data);
  }

  @Override
  protected Infrastructure createUnrunnable() {
    return create(List.of("ferry-test-no-such-program", "--version"), Map.of());
  }

  @Test
  void doctorSaysWhereTheCommandWasFoundAndNamesAMissingOne() {
    assertThat(create(List.of("sh", "-c", "true"), Map.of()).checks())
        .singleElement().satisfies(check -> assertThat(check.finding()).startsWith("found at ").endsWith("/sh"));
    assertThat(createUnrunnable().checks()).singleElement().satisfies(check -> {
      assertThat(check.subject()).isEqualTo("process command 'ferry-test-no-such-program'");
      assertThat(check.finding()).isEqualTo("not found on the agent's PATH");
    });
  }

  @Test
  void doctorFindsAMissingWorkingDirectory() {
    ObjectNode data = Json.object().put("working_dir", workingDir.resolve("gone").toString());
    assertThat(InfrastructureBlocks.create("process", data).checks())
        .anySatisfy(check -> assertThat(check.subject()).contains("working_dir").endsWith("gone"));
  }

  @Test
  void infrastructurePidNamesThisHostAndTheProcess() {
    Infrastructure infrastructure = create(List.of("true"), Map.of());
    Launched launched = infrastructure.launch(infrastructure.prepare(
        new RunContext(UUID.randomUUID(), "r", "f", "d", workingDir, Map.of(), List.of(), null, null)), line -> { });
    assertThat(launched.infrastructurePid()).matches(ProcessInfrastructure.hostName() + ":\\d+");
  }

  @Test
  void theOutputIsKeptInTheRunsFolderWhereItOutlivesTheAgent() throws Exception {
    Infrastructure infrastructure = create(List.of("sh", "-c", "echo to stdout; echo to stderr >&2"), Map.of());
    infrastructure.launch(infrastructure.prepare(
        new RunContext(UUID.randomUUID(), "r", "f", "d", workingDir, Map.of(), List.of(), null, null)),
        line -> { }).exit().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(workingDir.resolve(".ferry/output.log")).hasContent("to stdout\nto stderr");
  }

  @Test
  void aCommandLaunchedToBeTakenOverTellsItsExitStatusToTheAgentThatTakesItOver() throws Exception {
    Infrastructure infrastructure = create(List.of("sh", "-c", "echo working; exit 3"), Map.of());
    LaunchSpec spec = infrastructure.keepingExitStatus(infrastructure.prepare(
        new RunContext(UUID.randomUUID(), "r", "f", "d", workingDir, Map.of(), List.of(), null, null)));
    Launched launched = infrastructure.launch(spec, line -> { });
    assertThat(launched.exit().toCompletableFuture().get(30, TimeUnit.SECONDS).code()).isEqualTo(3);

    Launched taken = infrastructure.reattach(launched.infrastructurePid(), workingDir, Instant.now(), 0, line -> { });

    assertThat(taken.exit().toCompletableFuture().get(30, TimeUnit.SECONDS).description())
        .isEqualTo("exited with code 3");
    assertThat(spec.argv()).startsWith("/bin/sh").endsWith("sh", "-c", "echo working; exit 3");
  }

  @Test
  void theLauncherNeedsNothingToBeTakenOver() {
    Infrastructure infrastructure = create(List.of(), Map.of());
    LaunchSpec spec = infrastructure.prepare(new RunContext(UUID.randomUUID(), "r", "f", "d", workingDir, Map.of(),
        List.of("python3", "launcher.py"), null, null));

    assertThat(infrastructure.keepingExitStatus(spec)).isSameAs(spec);
  }

  @Test
  void aQuietRunEndsWithoutAThreadForEveryLookAtIt() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Infrastructure infrastructure = create(List.of("sleep", "3"), Map.of());
    LaunchSpec spec = infrastructure.prepare(
        new RunContext(UUID.randomUUID(), "r", "f", "d", workingDir, Map.of(), List.of(), null, null));
    int before = threads.getThreadCount();
    threads.resetPeakThreadCount();

    infrastructure.launch(spec, line -> { }).exit().toCompletableFuture().get(30, TimeUnit.SECONDS);

    // the output tail looks at the file every 50 ms; the soak once saw thousands of threads as runs ended
    assertThat(threads.getPeakThreadCount() - before).as("threads started for one quiet run").isLessThan(10);
  }

  @Test
  void processOnAnotherHostIsLeftToItsAgent() {
    assertThatThrownBy(() -> create(List.of("true"), Map.of()).kill("elsewhere:123", Duration.ofSeconds(1)))
        .isInstanceOf(InfrastructureNotAvailable.class).hasMessageContaining("elsewhere");
  }

  @Test
  void commandOfTheWrongTypeNamesTheField() {
    assertThatThrownBy(() -> InfrastructureBlocks.create("process", (ObjectNode) Json.tree("{\"command\": \"python\"}")))
        .hasMessageContaining("process").hasMessageContaining("command");
  }

  @Test
  void unknownBlockTypeListsTheSupportedOnes() {
    assertThatThrownBy(() -> InfrastructureBlocks.create("ecs-task", Json.object()))
        .hasMessageContaining("'ecs-task'").hasMessageContaining("process");
  }

  @Test
  void signalDeathIsDescribed() {
    assertThat(dev.ferry.infrastructure.Exit.ofStatus(137).description()).contains("signal 9 (SIGKILL)");
  }
}

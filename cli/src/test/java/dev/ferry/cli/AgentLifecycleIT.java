package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry agent start} as a daemon: SIGTERM drains, a second signal stops at once, queues are created once. */
class AgentLifecycleIT {
  @TempDir Path root;
  private Path project;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("flow.py"), "def main():\n    pass\n");
    ferry = new FerryProcess(project, root.resolve("home"));
  }

  @Test
  void sigtermWaitsForTheRunningFlowThenExitsCleanly() throws Exception {
    Holding holding = agentRunning("quick", "sleep 3; echo done", "60");

    holding.agent().destroy();

    assertThat(holding.agent().waitFor(60, TimeUnit.SECONDS)).as("the agent exits once the run ended").isTrue();
    assertThat(holding.agent().exitValue()).isZero();
    assertThat(ferry.state(holding.run()).path("type").asText()).isEqualTo("COMPLETED");
    assertThat(ferry.read(holding.agent(), "err")).contains("Stopping: waiting up to 60 s for 1 flow runs");
  }

  @Test
  void sigtermStopsARunStillGoingAfterTheDrainTimeoutAsCrashed() throws Exception {
    Holding holding = agentRunning("slow", "sleep 300", "2");

    holding.agent().destroy();

    assertThat(holding.agent().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(holding.agent().exitValue()).isZero();
    JsonNode state = ferry.state(holding.run());
    assertThat(state.path("type").asText()).isEqualTo("CRASHED");
    assertThat(state.path("message").asText()).contains("drain timeout of 2 s");
  }

  @Test
  void aZeroDrainTimeoutLeavesTheRunRunningAndWritingItsOutput() throws Exception {
    Path go = root.resolve("go");
    Path finished = root.resolve("finished");
    // the run goes on once the test says so, after the agent is gone, however slow the machine
    Holding holding = agentRunning("left", "while [ ! -f " + go + " ]; do sleep 0.1; done;"
        + " echo after the agent left; touch " + finished, "0");

    holding.agent().destroy();

    assertThat(holding.agent().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(holding.agent().exitValue()).isZero();
    assertThat(ferry.read(holding.agent(), "err")).contains("Stopping with 1 flow runs left running (--drain-timeout 0)");
    Files.createFile(go);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(finished));
    assertThat(root.resolve("home/runs/" + holding.run() + "/.ferry/output.log")).content()
        .contains("after the agent left");
  }

  @Test
  void theNextAgentTakesOverAFlowLeftRunningAndShipsTheRestOfItsOutputOnce() throws Exception {
    Files.writeString(project.resolve("slow.py"), """
        import time

        def main():
            print("before the handover", flush=True)
            time.sleep(4)
            print("after the handover", flush=True)
        """);
    Result build = ferry.run("deployment", "build", "slow.py:main", "-n", "handover", "-q", "handover", "--apply");
    assertThat(build.exitCode()).as(build.err()).isZero();
    String run = ferry.run("deployment", "run", "main/handover").runId();
    Process first = ferry.start("agent", "start", "-q", "handover", "--drain-timeout", "0");
    Path output = root.resolve("home/runs/" + run + "/.ferry/output.log");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(output)
        && Files.readString(output).contains("before the handover"));

    first.destroy();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Process second = ferry.start("agent", "start", "-q", "handover");
    try {
      awaitState(run, "COMPLETED");
      assertThat(ferry.read(second, "err")).contains("Taking over flow run", run);
      Result logs = ferry.run("flow-run", "logs", run);
      assertThat(logs.out()).containsOnlyOnce("before the handover").containsOnlyOnce("after the handover");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(output.getParent().getParent()));
    } finally {
      stop(second);
    }
  }

  @Test
  void aCommandTakenOverEndsByItsRealExitStatus() throws Exception {
    Path gate = root.resolve("gate");
    String waitForTheGate = "while [ ! -f '" + gate + "' ]; do sleep 0.1; done";
    String failing = runOf("orphan", waitForTheGate + "; exit 3");
    String succeeding = runOf("orphan-ok", waitForTheGate);
    Process first = ferry.start("agent", "start", "-q", "orphan", "-q", "orphan-ok", "--drain-timeout", "0");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> !ferry.inspect(failing).path("infrastructure_pid").isNull()
            && !ferry.inspect(succeeding).path("infrastructure_pid").isNull());

    first.destroy();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Process second = ferry.start("agent", "start", "-q", "orphan", "-q", "orphan-ok");
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ferry.read(second, "err").lines()
          .filter(line -> line.contains("Taking over flow run")).count() == 2);
      Files.writeString(gate, "");
      awaitState(failing, "FAILED");
      awaitState(succeeding, "COMPLETED");
      assertThat(ferry.state(failing).path("message").asText()).contains("exited with code 3");
      assertThat(ferry.read(second, "err")).contains(failing, succeeding);
    } finally {
      stop(second);
    }
  }

  @Test
  void aSecondSignalStopsTheAgentAtOnce() throws Exception {
    Holding holding = agentRunning("stubborn", "sleep 300", "300");

    holding.agent().destroy();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> ferry.read(holding.agent(), "err").contains("Stopping:"));
    holding.agent().destroy();

    assertThat(holding.agent().waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(holding.agent().exitValue()).isEqualTo(143);
  }

  @Test
  void aMissingQueueIsCreatedAndSaidSoOnce() throws Exception {
    Result first = ferry.run("agent", "start", "-q", "fresh", "--run-once");
    Result second = ferry.run("agent", "start", "-q", "fresh", "--run-once");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).containsOnlyOnce("Work queue 'fresh' did not exist: created it");
    assertThat(second.err()).doesNotContain("did not exist");
  }

  @Test
  void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
    Result agent = ferry.run("agent", "start", "-q", "json", "--run-once", "--log-format", "json");

    assertThat(agent.exitCode()).as(agent.err()).isZero();
    java.util.List<String> lines = agent.err().lines().toList();
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(Json.tree(line).path("message").isTextual()).isTrue());
    assertThat(lines).anySatisfy(line -> assertThat(Json.tree(line).path("message").asText())
        .contains("polling work queues [json] once"));
  }

  /** An agent process and the run it is running. */
  private record Holding(Process agent, String run) {}

  /** An agent with a drain timeout, running a run of a deployment on its own queue whose process runs {@code script}. */
  private Holding agentRunning(String queue, String script, String drainTimeout) throws Exception {
    String run = runOf(queue, script);
    Process agent = ferry.start("agent", "start", "-q", queue, "--drain-timeout", drainTimeout);
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> !ferry.inspect(run).path("infrastructure_pid").isNull()); // started, not only RUNNING
    return new Holding(agent, run);
  }

  /** A deployment on its own queue whose process runs {@code script}, and a run of it; the run's id. */
  private String runOf(String queue, String script) throws Exception {
    String command = Json.write(java.util.List.of("sh", "-c", script));
    Result build = ferry.run("deployment", "build", "flow.py:main", "-n", queue, "-q", queue, "--override",
        "command=" + command, "--apply");
    assertThat(build.exitCode()).as(build.err()).isZero();
    Result run = ferry.run("deployment", "run", "main/" + queue);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.runId();
  }

  private void awaitState(String run, String type) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> ferry.state(run).path("type").asText().equals(type));
  }

  private static void stop(Process agent) throws InterruptedException {
    agent.destroy();
    agent.waitFor(30, TimeUnit.SECONDS);
  }
}

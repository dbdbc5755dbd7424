package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CANCELLING runs of the agent's queues are stopped and CANCELLED; what runs elsewhere is left alone. */
class CancellationIT extends AgentTest {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private Deployment deployment;

  @BeforeEach
  void startAgent() {
    // A shell that ignores SIGTERM, with a child that ignores it too: only the forced stop ends them.
    deployment = Fixtures.processDeployment(client, "cancel", "cancel",
        List.of("sh", "-c", "trap '' TERM; sh -c \"trap '' TERM; sleep 300\" & wait"), null);
    startAgent(options("cancel").queryInterval(Duration.ofMillis(200)).killGrace(GRACE));
  }

  @Test
  void cancellingARunKillsItsProcessTreeWithinTheGracePeriodThenMarksItCancelled() {
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> read(run).infrastructurePid() != null);
    String pid = read(run).infrastructurePid();
    ProcessHandle process = ProcessHandle.of(Long.parseLong(pid.substring(pid.lastIndexOf(':') + 1))).orElseThrow();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> process.descendants().count() >= 2);
    List<ProcessHandle> tree = process.descendants().toList();

    await(client.setFlowRunState(run, State.of(StateType.CANCELLING, null), false));
    long asked = System.nanoTime();

    Awaitility.await().atMost(GRACE.plusSeconds(10)).until(() -> read(run).stateType() == StateType.CANCELLED);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(GRACE.plusSeconds(5));
    assertThat(running(process)).isFalse();
    assertThat(tree).noneMatch(CancellationIT::running);
    assertThat(read(run).state().message()).contains("was stopped");
  }

  @Test
  void aRunWhoseProcessIsGoneIsCancelledWithAMessageAndOneOnAnotherHostIsLeftAlone() {
    UUID gone = cancellingRunWithPid(hostName() + ":" + Integer.MAX_VALUE);
    UUID elsewhere = cancellingRunWithPid("another-host:4242");

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> read(gone).stateType() == StateType.CANCELLED);
    Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> read(elsewhere).stateType() == StateType.CANCELLING);
    assertThat(read(gone).state().message()).contains("had already ended");
  }

  /** A run of the deployment in CANCELLING that says it runs as {@code pid}, which this agent never launched. */
  private UUID cancellingRunWithPid(String pid) {
    // Scheduled an hour ahead, so the agent does not claim it before it is cancelling.
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))));
    UUID run = await(client.createFlowRun(deployment.id(), body)).id();
    await(client.patchFlowRun(run, Json.object().put("infrastructure_pid", pid)));
    await(client.setFlowRunState(run, State.of(StateType.CANCELLING, null), false));
    return run;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a process still runs. A killed process whose parent died too stays a zombie until
   * PID 1 reaps it, and PID 1 of some sandboxes never does: a zombie runs nothing.
   */
  private static boolean running(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      return process.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}

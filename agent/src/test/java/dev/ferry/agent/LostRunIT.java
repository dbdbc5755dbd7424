package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.server.ServerOptions;
import dev.ferry.server.services.ServiceSettings;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An agent's heartbeats keep its runs alive on the server; when the agent goes, its runs are marked CRASHED. */
class LostRunIT extends AgentTest {
  private static final ServiceSettings FAST_REAPER = new ServiceSettings(Duration.ofHours(1), Duration.ofHours(1),
      Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(1));

  @Override
  protected ServerOptions serverOptions() {
    return super.serverOptions().withServices(FAST_REAPER);
  }

  @Test
  void runOfAnAgentThatStoppedHeartbeatingIsCrashedWhileALiveAgentsRunIsNot() throws Exception {
    UUID runId = scheduleRun(List.of("sh", "-c", "sleep 6"));
    startAgent(options("lost").name("night-shift").queryInterval(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofMillis(200)));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(runId) == StateType.RUNNING);
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> state(runId) == StateType.RUNNING);

    await(agent.stop());
    agent = null;

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> state(runId) == StateType.CRASHED);
    assertThat(await(client.readFlowRun(runId)).state().message())
        .contains("Agent 'night-shift' held this run and stopped sending heartbeats");
  }

  @Test
  void aDrainingAgentKeepsHeartbeatingItsRunsUntilTheyEnd() {
    UUID runId = scheduleRun(List.of("sh", "-c", "sleep 4"));
    startAgent(options("lost").queryInterval(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(200)));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(runId) == StateType.RUNNING);

    await(agent.drain(Duration.ofSeconds(30)));
    agent = null;

    assertThat(state(runId)).as("the reaper (1 s timeout) left the run alone while the agent drained")
        .isEqualTo(StateType.COMPLETED);
  }

  private UUID scheduleRun(List<String> command) {
    Deployment deployment = Fixtures.processDeployment(client, "lost", "lost", command, null);
    return Fixtures.scheduleRun(client, deployment).id();
  }
}

package dev.ferry.agent;

import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Against a ferry server the agent long-polls: a new run is picked up long before the next query interval. */
class LongPollIT extends AgentTest {
  private static final Duration LONG_INTERVAL = Duration.ofSeconds(60);

  @Test
  void runCreatedWhileTheAgentWaitsIsClaimedWithoutWaitingForTheQueryInterval() {
    Deployment deployment = Fixtures.processDeployment(client, "fast", "fast", List.of("true"), null);
    startAgent(options("fast").limit(4).queryInterval(LONG_INTERVAL));

    for (int i = 0; i < 3; i++) {
      FlowRun run = Fixtures.scheduleRun(client, deployment);
      Awaitility.await().atMost(LONG_INTERVAL.dividedBy(6)).until(() -> state(run.id()) == StateType.COMPLETED);
    }
  }
}

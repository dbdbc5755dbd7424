package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An API error about one run (its deployment is gone: 404) crashes that run with a message; the agent goes on. */
class RunErrorIT extends AgentTest {
  @Test
  void aRunWhoseDeploymentIsGoneCrashesAndTheNextRunCompletes() {
    Deployment doomed = Fixtures.processDeployment(client, "doomed", "shared", List.of("true"), null);
    Deployment fine = Fixtures.processDeployment(client, "fine", "shared", List.of("true"), null);
    FlowRun orphan = Fixtures.scheduleRun(client, doomed);
    await(client.deleteDeployment(doomed.id()));
    startAgent(options("shared").queryInterval(Duration.ofMillis(300)));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(orphan.id()) == StateType.CRASHED);
    assertThat(read(orphan.id()).state().message()).contains("could not start").contains("Deployment not found");
    UUID next = Fixtures.scheduleRun(client, fine).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(next) == StateType.COMPLETED);
  }
}

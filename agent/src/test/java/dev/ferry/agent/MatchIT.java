package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.client.ApiException;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code -m PREFIX} polls the queues whose names start with it, including ones made later, and creates none. */
class MatchIT extends AgentTest {
  @Test
  void queuesMatchingThePrefixAreRunOthersAreNotAndNoneIsCreated() {
    Deployment teamA = Fixtures.processDeployment(client, "a", "team-a", List.of("true"), null);
    Deployment other = Fixtures.processDeployment(client, "other", "other", List.of("true"), null);
    UUID first = Fixtures.scheduleRun(client, teamA).id();
    UUID elsewhere = Fixtures.scheduleRun(client, other).id();

    startAgent(options().matchPrefixes(List.of("team-", "nobody-")).queryInterval(Duration.ofMillis(300))
        .matchRefresh(Duration.ofMillis(300)));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(first) == StateType.COMPLETED);
    Deployment teamB = Fixtures.processDeployment(client, "b", "team-b", List.of("true"), null);
    UUID later = Fixtures.scheduleRun(client, teamB).id();

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(later) == StateType.COMPLETED);
    assertThat(state(elsewhere)).isEqualTo(StateType.SCHEDULED);
    Throwable missing = client.readWorkQueueByName("nobody-").toCompletionStage().toCompletableFuture()
        .handle((queue, error) -> error instanceof java.util.concurrent.CompletionException wrapped
            ? wrapped.getCause() : error).join();
    assertThat(missing).as("a prefix creates no queue").isInstanceOfSatisfying(ApiException.class,
        api -> assertThat(api.notFound()).isTrue());
  }
}

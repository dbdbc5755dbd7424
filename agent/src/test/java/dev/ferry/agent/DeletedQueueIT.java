package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.model.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A queue deleted under a running agent does not stop it: a named queue is created again, the other queues go on. */
class DeletedQueueIT extends AgentTest {
  @Test
  void aDeletedNamedQueueIsCreatedAgainAndTheOtherQueueKeepsRunning() {
    Deployment kept = Fixtures.processDeployment(client, "kept", "kept", List.of("true"), null);
    startAgent(options("kept", "doomed").queryInterval(Duration.ofMillis(300)));
    UUID doomed = await(client.readWorkQueueByName("doomed")).id();
    UUID before = Fixtures.scheduleRun(client, kept).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(before) == StateType.COMPLETED);

    await(client.deleteWorkQueue(doomed));
    UUID after = Fixtures.scheduleRun(client, kept).id();

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(after) == StateType.COMPLETED);
    WorkQueue again = Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> client.readWorkQueueByName("doomed").toCompletionStage().toCompletableFuture()
            .handle((queue, error) -> queue).join(), queue -> queue != null);
    assertThat(again.id()).as("a new queue of that name").isNotEqualTo(doomed);
  }
}

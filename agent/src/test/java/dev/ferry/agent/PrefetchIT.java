package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom command claimed ahead of its time ({@code --prefetch-seconds}) starts at that time, not
 * when it is claimed; one cancelled while it waits never starts.
 */
class PrefetchIT extends AgentTest {
  @Test
  void aPrefetchedCommandStartsAtItsScheduledTimeAndOneCancelledMeanwhileNever(@TempDir Path dir) throws Exception {
    Path started = dir.resolve("started");
    Path never = dir.resolve("never");
    Deployment later = Fixtures.processDeployment(client, "later", "prefetch",
        List.of("sh", "-c", "date +%s%N > " + started), null);
    Deployment dropped = Fixtures.processDeployment(client, "dropped", "prefetch", List.of("touch", never.toString()),
        null);
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4);
    UUID due = Fixtures.scheduleRun(client, later, at).id();
    UUID cancelled = Fixtures.scheduleRun(client, dropped, at).id();

    startAgent(options("prefetch").prefetch(Duration.ofSeconds(60)).queryInterval(Duration.ofMillis(200)));
    Awaitility.await().atMost(Duration.ofSeconds(3))
        .until(() -> state(due) == StateType.PENDING && state(cancelled) == StateType.PENDING);
    await(client.setFlowRunState(cancelled, State.of(StateType.CANCELLING, null), false));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(due) == StateType.COMPLETED);
    Instant startedAt = Instant.ofEpochSecond(0, Long.parseLong(Files.readString(started).trim()));
    assertThat(startedAt).as("not before its scheduled time").isAfterOrEqualTo(at.toInstant());
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(cancelled) == StateType.CANCELLED);
    assertThat(never).as("the cancelled command never ran").doesNotExist();
    assertThat(await(client.readFlowRun(cancelled)).state().message()).contains("before it started");
  }
}

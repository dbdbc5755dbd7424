package dev.ferry.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.OrchestrationResult.Status;
import dev.ferry.model.State;
import dev.ferry.model.StateDetails;
import dev.ferry.model.StateType;
import dev.ferry.server.orchestration.OrchestrationRules.Decision;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrchestrationRulesTest {
  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

  private static FlowRun run(StateType type, OffsetDateTime scheduled, int runCount, JsonNode policy) {
    State state = new State(UUID.randomUUID(), type, type.displayName(), NOW, null, null,
        StateDetails.empty().withScheduledTime(scheduled));
    return new FlowRun(UUID.randomUUID(), NOW, NOW, "run", UUID.randomUUID(), state.id(), null, "default", null,
        Json.object(), null, Json.object(), policy, java.util.List.of(), null, type, state.name(), runCount, scheduled,
        scheduled, null, null, 0, 0, 0, false, null, null, null, null, state);
  }

  private static Decision decide(StateType current, StateType proposed, boolean force) {
    return OrchestrationRules.decide(run(current, null, 0, Json.object()), State.of(proposed, null), force, NOW);
  }

  @Test
  void scheduledRunCanBeClaimed() {
    assertThat(decide(StateType.SCHEDULED, StateType.PENDING, false).status()).isEqualTo(Status.ACCEPT);
  }

  @Test
  void claimIsAbortedWhenRunIsAlreadyPending() {
    Decision decision = decide(StateType.PENDING, StateType.PENDING, false);
    assertThat(decision.status()).isEqualTo(Status.ABORT);
    assertThat(decision.reason()).contains("only a SCHEDULED run can be claimed");
  }

  @Test
  void finishedRunDoesNotMoveAgain() {
    Decision decision = decide(StateType.COMPLETED, StateType.RUNNING, false);
    assertThat(decision.status()).isEqualTo(Status.ABORT);
    assertThat(decision.reason()).isEqualTo("This run has already terminated.");
  }

  @Test
  void cancellingRunOnlyMovesToCancelled() {
    assertThat(decide(StateType.CANCELLING, StateType.COMPLETED, false).status()).isEqualTo(Status.REJECT);
    assertThat(decide(StateType.CANCELLING, StateType.CANCELLED, false).status()).isEqualTo(Status.ACCEPT);
  }

  @Test
  void forceOverridesEveryRule() {
    assertThat(decide(StateType.COMPLETED, StateType.SCHEDULED, true).status()).isEqualTo(Status.ACCEPT);
  }

  @Test
  void runningBeforeTheScheduledTimeWaitsForIt() {
    FlowRun early = run(StateType.PENDING, NOW.plusSeconds(90), 0, Json.object());

    Decision decision = OrchestrationRules.decide(early, State.of(StateType.RUNNING, null), false, NOW);

    assertThat(decision.status()).isEqualTo(Status.WAIT);
    assertThat(decision.delaySeconds()).isEqualTo(90);
    assertThat(decision.reason()).isEqualTo("Scheduled time is in the future");
  }

  @Test
  void lessThanASecondAheadStillWaitsAWholeSecond() {
    FlowRun early = run(StateType.PENDING, NOW.plusNanos(400_000_000), 0, Json.object());

    Decision decision = OrchestrationRules.decide(early, State.of(StateType.RUNNING, null), false, NOW);

    assertThat(decision.status()).isEqualTo(Status.WAIT);
    assertThat(decision.delaySeconds()).as("rounded up, so the run never starts early").isEqualTo(1);
  }

  @Test
  void failureWithRetriesLeftIsRejectedIntoAwaitingRetry() {
    JsonNode policy = Json.object().put("retries", 1).put("retry_delay", 30);

    Decision first = OrchestrationRules.decide(run(StateType.RUNNING, null, 1, policy),
        State.of(StateType.FAILED, "boom"), false, NOW);
    Decision second = OrchestrationRules.decide(run(StateType.RUNNING, null, 2, policy),
        State.of(StateType.FAILED, "boom"), false, NOW);

    assertThat(first.status()).isEqualTo(Status.REJECT);
    assertThat(first.reason()).isEqualTo("Retrying");
    assertThat(first.instead().name()).isEqualTo("AwaitingRetry");
    assertThat(first.instead().stateDetails().scheduledTime()).isEqualTo(NOW.plusSeconds(30));
    assertThat(second.status()).as("no retries left").isEqualTo(Status.ACCEPT);
  }
}

package dev.ferry.server.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.OrchestrationResult.Status;
import dev.ferry.model.StateType;
import org.junit.jupiter.api.Test;

class OrchestrationRulesTest {
  @Test
  void scheduledRunCanBeClaimed() {
    assertThat(OrchestrationRules.decide(StateType.SCHEDULED, StateType.PENDING, false).status()).isEqualTo(Status.ACCEPT);
  }

  @Test
  void claimIsAbortedWhenRunIsAlreadyPending() {
    var decision = OrchestrationRules.decide(StateType.PENDING, StateType.PENDING, false);
    assertThat(decision.status()).isEqualTo(Status.ABORT);
    assertThat(decision.reason()).contains("only a SCHEDULED run can be claimed");
  }

  @Test
  void finishedRunDoesNotMoveAgain() {
    var decision = OrchestrationRules.decide(StateType.COMPLETED, StateType.RUNNING, false);
    assertThat(decision.status()).isEqualTo(Status.ABORT);
    assertThat(decision.reason()).isEqualTo("This run has already terminated.");
  }

  @Test
  void cancellingRunOnlyMovesToCancelled() {
    assertThat(OrchestrationRules.decide(StateType.CANCELLING, StateType.COMPLETED, false).status())
        .isEqualTo(Status.REJECT);
    assertThat(OrchestrationRules.decide(StateType.CANCELLING, StateType.CANCELLED, false).status())
        .isEqualTo(Status.ACCEPT);
  }

  @Test
  void forceOverridesEveryRule() {
    assertThat(OrchestrationRules.decide(StateType.COMPLETED, StateType.SCHEDULED, true).status())
        .isEqualTo(Status.ACCEPT);
  }
}

package dev.ferry.server.orchestration;

import dev.ferry.model.FlowRun;
import dev.ferry.model.OrchestrationResult.Status;
import dev.ferry.model.State;
import dev.ferry.model.StateDetails;
import dev.ferry.model.StateType;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The one place that decides whether a flow run may move from its current state to a proposed
 * one. The claim rule (PENDING only from SCHEDULED) is also enforced by a compare-and-set on the
 * current state id in SQL, so two claimers can never both win.
 */
public final class OrchestrationRules {
  /** The name of the SCHEDULED state a failed run with retries left is put in; its own process retries it. */
  public static final String AWAITING_RETRY = "AwaitingRetry";

  /**
   * The verdict, why when it is not ACCEPT, the state written instead of the proposed one
   * (a retry's AwaitingRetry), and how long to wait for a WAIT.
   */
  public record Decision(Status status, String reason, State instead, long delaySeconds) {
    static Decision accept() {
      return new Decision(Status.ACCEPT, null, null, 0);
    }

    static Decision refuse(Status status, String reason) {
      return new Decision(status, reason, null, 0);
    }
  }

  private OrchestrationRules() {}

  public static Decision decide(FlowRun run, State proposed, boolean force, OffsetDateTime now) {
    StateType current = run.stateType();
    StateType next = proposed.type();
    if (force || current == null) {
      return Decision.accept();
    }
    if (current.isFinal()) {
      return Decision.refuse(Status.ABORT, "This run has already terminated.");
    }
    if (next == StateType.PENDING && current != StateType.SCHEDULED) {
      return Decision.refuse(Status.ABORT, "This run cannot move to PENDING from " + current
          + ": only a SCHEDULED run can be claimed, and another agent has claimed this one.");
    }
    if (current == StateType.CANCELLING && next != StateType.CANCELLED) {
      return Decision.refuse(Status.REJECT, "A cancelling run can only move to CANCELLED.");
    }
    if (next == StateType.RUNNING && (current == StateType.SCHEDULED || current == StateType.PENDING)) {
      OffsetDateTime scheduled = run.state().stateDetails().scheduledTime();
      long aheadMillis = scheduled == null ? 0 : Duration.between(now, scheduled).toMillis();
      if (aheadMillis > 0) { // whole seconds on the wire, rounded up: a run never starts before its time
        return new Decision(Status.WAIT, "Scheduled time is in the future", null, (aheadMillis + 999) / 1000);
      }
    }
    if (next == StateType.FAILED && current == StateType.RUNNING && run.runCount() <= retries(run)) {
      long delay = run.empiricalPolicy().path("retry_delay").asLong(0);
      State awaitingRetry = new State(null, StateType.SCHEDULED, AWAITING_RETRY, null, proposed.message(),
          proposed.data(), StateDetails.empty().withScheduledTime(now.plusSeconds(delay)));
      return new Decision(Status.REJECT, "Retrying", awaitingRetry, 0);
    }
    return Decision.accept();
  }

  /** The retries the run's policy allows; none when it sets none. */
  private static int retries(FlowRun run) {
    return run.empiricalPolicy() == null ? -1 : run.empiricalPolicy().path("retries").asInt(-1);
  }
}

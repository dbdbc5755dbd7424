package dev.ferry.server.orchestration;

import dev.ferry.model.OrchestrationResult.Status;
import dev.ferry.model.StateType;

/**
 * The one place that decides whether a flow run may move from its current state to a proposed
 * one. The claim rule (PENDING only from SCHEDULED) is also enforced by a compare-and-set on the
 * current state id in SQL, so two claimers can never both win.
 */
public final class OrchestrationRules {
  /** The verdict and, when it is not ACCEPT, why. */
  public record Decision(Status status, String reason) {
    static Decision accept() {
      return new Decision(Status.ACCEPT, null);
    }
  }

  private OrchestrationRules() {}

  public static Decision decide(StateType current, StateType proposed, boolean force) {
    if (force || current == null) {
      return Decision.accept();
    }
    if (current.isFinal()) {
      return new Decision(Status.ABORT, "This run has already terminated.");
    }
    if (proposed == StateType.PENDING && current != StateType.SCHEDULED) {
      return new Decision(Status.ABORT, "This run cannot move to PENDING from " + current
          + ": only a SCHEDULED run can be claimed, and another agent has claimed this one.");
    }
    if (current == StateType.CANCELLING && proposed != StateType.CANCELLED) {
      return new Decision(Status.REJECT, "A cancelling run can only move to CANCELLED.");
    }
    return Decision.accept();
  }
}

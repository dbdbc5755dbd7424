package dev.ferry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to a proposed state: the run's state afterwards, ACCEPT/REJECT/ABORT/WAIT, and why. */
public record OrchestrationResult(State state, Status status, ObjectNode details) {
  public enum Status { ACCEPT, REJECT, ABORT, WAIT }

  public boolean accepted() {
    return status == Status.ACCEPT;
  }

  /** The server's reason for a refusal, or an empty string. */
  public String reason() {
    return details != null && details.hasNonNull("reason") ? details.get("reason").asText() : "";
  }
}

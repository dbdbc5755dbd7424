package dev.ferry.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One state of a flow run. Ids and timestamps are set by the server; proposals leave them null. */
public record State(
    UUID id,
    StateType type,
    String name,
    OffsetDateTime timestamp,
    String message,
    JsonNode data,
    StateDetails stateDetails) {

  /** A state to propose, named as Prefect names it. */
  public static State of(StateType type, String message) {
    return new State(null, type, type.displayName(), null, message, null, StateDetails.empty());
  }

  public static State scheduledAt(OffsetDateTime time) {
    return new State(null, StateType.SCHEDULED, "Scheduled", null, null, null,
        StateDetails.empty().withScheduledTime(time));
  }

  @JsonIgnore
  public boolean isFinal() {
    return type != null && type.isFinal();
  }
}

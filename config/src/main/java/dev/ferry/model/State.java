package dev.ferry.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
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

  /**
   * The state as a proposal to the API (Prefect's {@code StateCreate}): only the fields a client
   * may send, since Prefect's server rejects any other.
   */
  public ObjectNode asProposal() {
    return ((ObjectNode) Json.toTree(this)).retain("type", "name", "message", "data", "state_details");
  }

  @JsonIgnore
  public boolean isFinal() {
    return type != null && type.isFinal();
  }
}

package dev.ferry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One log line of a flow run. Id and created are set by the server. */
public record LogRecord(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    int level,
    String message,
    OffsetDateTime timestamp,
    UUID flowRunId,
    UUID taskRunId) {

  /** The line as Prefect's {@code LogCreate}: only the fields a client may send. */
  public ObjectNode asCreate() {
    return ((ObjectNode) Json.toTree(this)).retain("name", "level", "message", "timestamp", "flow_run_id", "task_run_id");
  }

  public static LogRecord of(UUID flowRunId, String name, int level, String message, OffsetDateTime at) {
    return new LogRecord(null, null, null, name, level, message, at, flowRunId, null);
  }
}

package dev.ferry.model;

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

  public static LogRecord of(UUID flowRunId, String name, int level, String message, OffsetDateTime at) {
    return new LogRecord(null, null, null, name, level, message, at, flowRunId, null);
  }
}

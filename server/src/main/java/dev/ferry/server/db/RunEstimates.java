package dev.ferry.server.db;

import dev.ferry.model.StateType;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Prefect's estimates of a flow run as of a time, in seconds, never negative: how long it has run,
 * and how late it started (or, not started and not over, how late it is so far).
 */
final class RunEstimates {
  private RunEstimates() {}

  /** The run time recorded so far, plus the time since a RUNNING run entered its state. */
  static double runTime(StateType type, OffsetDateTime stateTimestamp, double totalRunTime, OffsetDateTime now) {
    double running = type == StateType.RUNNING && stateTimestamp != null ? seconds(stateTimestamp, now) : 0;
    return Math.max(0, totalRunTime + running);
  }

  /**
   * The time from the expected start to the start; for a run that has not started and is in no
   * final state, to now.
   */
  static double lateness(StateType type, OffsetDateTime expected, OffsetDateTime start, OffsetDateTime now) {
    if (expected == null) {
      return 0;
    }
    if (start != null) {
      return Math.max(0, seconds(expected, start));
    }
    return type != null && type.isFinal() ? 0 : Math.max(0, seconds(expected, now));
  }

  private static double seconds(OffsetDateTime from, OffsetDateTime to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}

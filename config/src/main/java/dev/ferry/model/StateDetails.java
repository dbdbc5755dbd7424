package dev.ferry.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The details Prefect attaches to a state; ferry reads the flow run id and scheduled time. */
public record StateDetails(
    UUID flowRunId,
    UUID taskRunId,
    UUID childFlowRunId,
    OffsetDateTime scheduledTime,
    String cacheKey,
    OffsetDateTime cacheExpiration,
    boolean untrackableResult,
    Double pauseTimeout,
    boolean pauseReschedule,
    String pauseKey,
    Boolean refreshCache) {

  public static StateDetails empty() {
    return new StateDetails(null, null, null, null, null, null, false, null, false, null, null);
  }

  public StateDetails withFlowRunId(UUID id) {
    return new StateDetails(id, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
        untrackableResult, pauseTimeout, pauseReschedule, pauseKey, refreshCache);
  }

  public StateDetails withScheduledTime(OffsetDateTime time) {
    return new StateDetails(flowRunId, taskRunId, childFlowRunId, time, cacheKey, cacheExpiration,
        untrackableResult, pauseTimeout, pauseReschedule, pauseKey, refreshCache);
  }
}

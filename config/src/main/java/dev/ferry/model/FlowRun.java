package dev.ferry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A flow run as the API returns it, with its current state. */
public record FlowRun(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    UUID flowId,
    UUID stateId,
    UUID deploymentId,
    String workQueueName,
    String flowVersion,
    ObjectNode parameters,
    String idempotencyKey,
    JsonNode context,
    JsonNode empiricalPolicy,
    List<String> tags,
    UUID parentTaskRunId,
    StateType stateType,
    String stateName,
    int runCount,
    OffsetDateTime expectedStartTime,
    OffsetDateTime nextScheduledStartTime,
    OffsetDateTime startTime,
    OffsetDateTime endTime,
    double totalRunTime,
    double estimatedRunTime,
    double estimatedStartTimeDelta,
    boolean autoScheduled,
    UUID infrastructureDocumentId,
    String infrastructurePid,
    JsonNode createdBy,
    String workPoolName,
    State state) {}

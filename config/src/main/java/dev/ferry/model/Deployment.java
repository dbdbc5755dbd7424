package dev.ferry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A deployment as the API returns it. */
public record Deployment(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    String version,
    String description,
    UUID flowId,
    JsonNode schedule,
    Boolean isScheduleActive,
    ObjectNode infraOverrides,
    ObjectNode parameters,
    List<String> tags,
    String workQueueName,
    JsonNode parameterOpenapiSchema,
    String path,
    String entrypoint,
    String manifestPath,
    UUID storageDocumentId,
    UUID infrastructureDocumentId,
    JsonNode createdBy,
    JsonNode updatedBy,
    String workPoolName) {}

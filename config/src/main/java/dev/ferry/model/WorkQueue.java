package dev.ferry.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

public record WorkQueue(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    String description,
    boolean isPaused,
    Integer concurrencyLimit,
    int priority,
    UUID workPoolId,
    JsonNode filter,
    OffsetDateTime lastPolled) {}

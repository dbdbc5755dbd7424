package dev.ferry.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record Flow(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, List<String> tags) {}

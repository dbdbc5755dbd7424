package dev.ferry.model;

import java.time.OffsetDateTime;
import java.util.UUID;

public record BlockType(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    String slug,
    String logoUrl,
    String documentationUrl,
    String description,
    String codeExample,
    boolean isProtected) {}

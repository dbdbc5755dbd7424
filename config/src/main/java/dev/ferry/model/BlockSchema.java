package dev.ferry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A block type's fields as JSON Schema ({@code fields.properties}, {@code fields.secret_fields}). */
public record BlockSchema(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String checksum,
    ObjectNode fields,
    UUID blockTypeId,
    BlockType blockType,
    List<String> capabilities,
    String version) {}

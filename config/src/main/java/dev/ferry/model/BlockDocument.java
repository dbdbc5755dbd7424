package dev.ferry.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A saved block: its type, its schema and its field values ({@code data}). */
public record BlockDocument(
    UUID id,
    OffsetDateTime created,
    OffsetDateTime updated,
    String name,
    ObjectNode data,
    UUID blockSchemaId,
    BlockSchema blockSchema,
    UUID blockTypeId,
    BlockType blockType,
    ObjectNode blockDocumentReferences,
    boolean isAnonymous) {

  public String typeSlug() {
    return blockType.slug();
  }
}

package dev.ferry.blocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A block type ferry ships: its Prefect slug, its texts, and its fields as JSON Schema. */
public record BlockDefinition(
    String name,
    String slug,
    String description,
    String documentationUrl,
    String logoUrl,
    String codeExample,
    List<String> capabilities,
    ObjectNode fields) {

  public BlockFields blockFields() {
    return new BlockFields(slug, fields);
  }

  /** The checksum that identifies this definition's schema on a server. */
  public String checksum() {
    return SchemaChecksum.of(fields);
  }
}

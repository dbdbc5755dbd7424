package dev.ferry.blocks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

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
    return checksum(fields);
  }

  /** A schema's checksum as Prefect computes it: sha256 of its fields as JSON with sorted keys. */
  public static String checksum(JsonNode fields) {
    try {
      String canonical = Json.MAPPER.copy()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(Json.MAPPER.convertValue(fields, TreeMap.class));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("Cannot compute a block schema checksum", e);
    }
  }
}

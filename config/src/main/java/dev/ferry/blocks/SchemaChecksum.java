package dev.ferry.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A block schema's checksum exactly as Prefect 2.7 computes it, so a Prefect client looking a
 * schema up by checksum finds it on a ferry server: sha256 over Python's
 * {@code json.dumps([[fields], {}], sort_keys=True)} of the fields without any
 * {@code secret_fields} key and without definitions that only describe nested blocks.
 */
public final class SchemaChecksum {
  private SchemaChecksum() {}

  public static String of(JsonNode fields) {
    JsonNode stripped = withoutKey(fields, "secret_fields");
    if (stripped instanceof ObjectNode object && object.path("definitions").isObject()) {
      ObjectNode definitions = (ObjectNode) object.get("definitions");
      List<String> blockOnly = new ArrayList<>();
      definitions.properties().forEach(e -> {
        if (e.getValue().has("block_type_slug")) {
          blockOnly.add(e.getKey());
        }
      });
      definitions.remove(blockOnly);
      if (definitions.isEmpty()) {
        object.remove("definitions");
      }
    }
    StringBuilder json = new StringBuilder("[[");
    write(stripped, json);
    json.append("], {}]");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode withoutKey(JsonNode node, String key) {
    JsonNode copy = node.deepCopy();
    strip(copy, key);
    return copy;
  }

  private static void strip(JsonNode node, String key) {
    if (node instanceof ObjectNode object) {
      object.remove(key);
    }
    node.forEach(child -> strip(child, key));
  }

  /** Writes JSON the way Python's json.dumps(sort_keys=True) does: ", " and ": " separators, ASCII only. */
  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        string(keys.get(i), out);
        out.append(": ");
        write(node.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> items = node.elements();
      for (int i = 0; items.hasNext(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(items.next(), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.asText(), out);
    } else if (node.isNull()) {
      out.append("null");
    } else if (node.isBoolean()) {
      out.append(node.asBoolean() ? "true" : "false");
    } else {
      out.append(node.toString());
    }
  }

  private static final Map<Character, String> ESCAPES = Map.of('"', "\\\"", '\\', "\\\\", '\n', "\\n", '\r', "\\r",
      '\t', "\\t", '\b', "\\b", '\f', "\\f");

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      String escape = ESCAPES.get(c);
      if (escape != null) {
        out.append(escape);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}

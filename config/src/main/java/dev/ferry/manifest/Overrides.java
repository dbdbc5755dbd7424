package dev.ferry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockFields;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Prefect's {@code infra_overrides}: dotted keys ({@code image}, {@code env.LOG_LEVEL}) applied
 * to a block document's data before the block is built. An object value merges into the field
 * one level deep instead of replacing it.
 */
public final class Overrides {
  private Overrides() {}

  /** Parses CLI {@code KEY=VALUE} pairs into overrides typed by the block's fields. */
  public static ObjectNode parse(BlockFields fields, List<String> pairs) {
    ObjectNode overrides = Json.object();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--override '" + pair + "' is not KEY=VALUE (for example env.LOG_LEVEL=DEBUG)");
      }
      String key = pair.substring(0, eq);
      String text = pair.substring(eq + 1);
      String field = fieldOf(key);
      JsonNode value = key.equals(field) ? fields.parse(field, text) : Json.MAPPER.getNodeFactory().textNode(text);
      overrides.set(key, value);
    }
    validate(fields, overrides);
    return overrides;
  }

  /** Fails when an override names a field the block type does not have, or nests into a non-object. */
  public static void validate(BlockFields fields, ObjectNode overrides) {
    overrides.fieldNames().forEachRemaining(key -> {
      String field = fieldOf(key);
      fields.requireField(field);
      if (!key.equals(field) && !fields.typeOf(field).equals("object")) {
        throw new InvalidInputException("Override '" + key + "': field '" + field + "' is not a map, so it has no keys; "
            + "override '" + field + "' itself");
      }
    });
  }

  /** A copy of {@code data} with the overrides applied. */
  public static ObjectNode apply(ObjectNode data, ObjectNode overrides) {
    ObjectNode result = data.deepCopy();
    for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
      String key = entry.getKey();
      String field = fieldOf(key);
      JsonNode value = entry.getValue();
      if (!key.equals(field)) {
        objectField(result, field).set(key.substring(field.length() + 1), value);
      } else if (value.isObject() && result.path(field).isObject()) {
        objectField(result, field).setAll((ObjectNode) value);
      } else {
        result.set(field, value);
      }
    }
    return result;
  }

  private static ObjectNode objectField(ObjectNode data, String field) {
    JsonNode existing = data.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return data.putObject(field);
  }

  private static String fieldOf(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }
}

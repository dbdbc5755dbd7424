package dev.ferry.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one block type, read from its JSON Schema: which names exist, what type each has,
 * and which hold secrets. Turns the text a user typed into a value of the field's type.
 */
public final class BlockFields {
  private final String slug;
  private final ObjectNode schema;

  public BlockFields(String slug, ObjectNode schema) {
    this.slug = slug;
    this.schema = schema;
  }

  public boolean has(String field) {
    return properties().has(field);
  }

  public List<String> names() {
    List<String> names = new ArrayList<>();
    properties().fieldNames().forEachRemaining(names::add);
    return names;
  }

  public List<String> secretFields() {
    List<String> secrets = new ArrayList<>();
    schema.path("secret_fields").forEach(n -> secrets.add(n.asText()));
    return secrets;
  }

  /** The JSON Schema type of a field ("string", "array", "object"...): its first, "string" when unstated. */
  public String typeOf(String field) {
    return typesOf(field).get(0);
  }

  /** The JSON Schema types a field takes: those its schema states, "string" when it states none. */
  private List<String> typesOf(String field) {
    List<String> types = statedTypes(field);
    return types.isEmpty() ? List.of("string") : types;
  }

  /**
   * The JSON Schema types a field's schema states: its {@code type}, or the type of each of its
   * {@code anyOf}; none when a type is left unstated, as for a nested block or an enum.
   */
  private List<String> statedTypes(String field) {
    JsonNode property = properties().path(field);
    if (property.has("type")) {
      return List.of(property.get("type").asText());
    }
    List<String> types = new ArrayList<>();
    for (JsonNode option : property.path("anyOf")) {
      if (!option.has("type")) {
        return List.of();
      }
      types.add(option.get("type").asText());
    }
    return types;
  }

  /**
   * Parses {@code text} as a value of {@code field}: JSON for arrays, objects, numbers and
   * booleans; the text itself for strings (and for a field that takes a number or a string, such as
   * {@code mem_limit}, text that is no number). The error names the field, the block type and the fix.
   */
  public JsonNode parse(String field, String text) {
    requireField(field);
    List<String> types = typesOf(field);
    if (types.equals(List.of("string"))) {
      return TextNode.valueOf(text);
    }
    JsonNode value;
    try {
      value = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      value = null;
    }
    for (String type : types) {
      if (!type.equals("string") && value != null && matches(type, value)) {
        return value;
      }
    }
    if (types.contains("string")) {
      return TextNode.valueOf(text);
    }
    throw wrongType(field, types, text);
  }

  /**
   * Fails when {@code value}, given as JSON, is of no type the schema states for {@code field}
   * (a text for a boolean, a map for a list...), with a message naming the field, the block type
   * and what it takes; and when {@code field} is not a field. Null fits every field, and a field
   * whose schema states no type takes any value.
   */
  public void requireValue(String field, JsonNode value) {
    requireField(field);
    List<String> types = statedTypes(field);
    if (value.isNull() || types.isEmpty() || types.stream().anyMatch(type -> matches(type, value))) {
      return;
    }
    throw wrongType(field, types, value.toString());
  }

  private InvalidInputException wrongType(String field, List<String> types, String given) {
    String takes = String.join(" or ", types.stream().map(BlockFields::article).toList());
    return new InvalidInputException("Field '" + field + "' of block type '" + slug + "' takes " + takes + ", not "
        + given + example(types.get(0)));
  }

  /** Fails with a message listing the fields when {@code field} is not one of them. */
  public void requireField(String field) {
    if (!has(field)) {
      throw new InvalidInputException("'" + field + "' is not a field of block type '" + slug + "'. Its fields are: "
          + String.join(", ", names()));
    }
  }

  private ObjectNode properties() {
    return (ObjectNode) schema.path("properties");
  }

  private static boolean matches(String type, JsonNode value) {
    return switch (type) {
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      case "boolean" -> value.isBoolean();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "string" -> value.isTextual();
      default -> true;
    };
  }

  private static String article(String type) {
    return switch (type) {
      case "array" -> "a JSON list";
      case "object" -> "a JSON object";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String example(String type) {
    return switch (type) {
      case "array" -> " (for example '[\"python\", \"main.py\"]')";
      case "object" -> " (for example '{\"KEY\": \"value\"}')";
      default -> "";
    };
  }
}

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

  /** The JSON Schema types a field takes: its {@code type}, or each of its {@code anyOf}; "string" when unstated. */
  private List<String> typesOf(String field) {
    JsonNode property = properties().path(field);
    if (property.has("type")) {
      return List.of(property.get("type").asText());
    }
    List<String> types = new ArrayList<>();
    property.path("anyOf").forEach(option -> types.add(option.path("type").asText("string")));
    return types.isEmpty() ? List.of("string") : types;
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
    String type = types.get(0);
    throw new InvalidInputException("Field '" + field + "' of block type '" + slug + "' takes " + article(type)
        + ", not " + text + example(type));
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

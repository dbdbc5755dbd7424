package dev.ferry.infrastructure;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.util.List;
import java.util.Map;

/**
 * An infrastructure block document's data read into the record of its fields, and the one-line errors
 * of its values: {@code Field 'F' of block type 'T' FINDING; FIX}.
 *
 * @param blockType the block type's slug, for messages
 * @param takes what each field takes, in words, for a value of the wrong type ("text" when not named)
 */
public record BlockData(String blockType, Map<String, String> takes) {

  /** {@code data} read into {@code fields}; a value of the wrong type names its field and what it takes. */
  public <T> T read(ObjectNode data, Class<T> fields) {
    try {
      return Json.convert(data, fields);
    } catch (IllegalArgumentException e) {
      String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
          ? mapping.getPath().get(0).getFieldName() : "?";
      throw invalid(field, "has a value of the wrong type", "give " + takes.getOrDefault(field, "text"));
    }
  }

  /** A {@code command} field's value, checked: none (empty), or arguments that are all strings. */
  public List<String> command(List<String> command) {
    if (command != null && command.contains(null)) {
      throw invalid("command", "holds a null", "give each argument as a string");
    }
    return command == null ? List.of() : List.copyOf(command);
  }

  /** The error of a field's value: what is wrong with it, and how to mend it. */
  public InfrastructureException invalid(String field, String finding, String fix) {
    return new InfrastructureException("Field '" + field + "' of block type '" + blockType + "' " + finding + "; "
        + fix);
  }
}

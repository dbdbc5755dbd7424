package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import java.util.List;

/** Flow parameters from {@code --params JSON} and {@code --param KEY=VALUE} (the value read as JSON when it is JSON). */
public final class KeyValues {
  private KeyValues() {}

  public static ObjectNode parameters(String json, List<String> pairs) {
    ObjectNode parameters = Json.object();
    if (json != null) {
      JsonNode parsed;
      try {
        parsed = Json.MAPPER.readTree(json);
      } catch (Exception e) {
        parsed = null;
      }
      if (parsed == null || !parsed.isObject()) {
        throw new InvalidInputException("--params '" + json + "' is not a JSON object (for example '{\"n\": 5}')");
      }
      parameters.setAll((ObjectNode) parsed);
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--param '" + pair + "' is not KEY=VALUE (for example n=5)");
      }
      parameters.set(pair.substring(0, eq), value(pair.substring(eq + 1)));
    }
    return parameters;
  }

  private static JsonNode value(String text) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(text);
      return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    } catch (Exception e) {
      return TextNode.valueOf(text);
    }
  }
}

package dev.ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.blocks.BlockFields;
import dev.ferry.model.BlockDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces secret values (secret block fields, the API key) with asterisks before a line is logged or shipped. */
final class Redactor {
  private static final String MASK = "**********";
  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redactor of(String apiKey, BlockDocument... documents) {
    List<String> secrets = new ArrayList<>();
    if (apiKey != null && !apiKey.isEmpty()) {
      secrets.add(apiKey);
    }
    for (BlockDocument document : documents) {
      if (document == null) {
        continue;
      }
      for (String field : new BlockFields(document.typeSlug(), document.blockSchema().fields()).secretFields()) {
        JsonNode value = document.data();
        for (String part : field.split("\\.")) { // a nested block's field, e.g. image_registry.password
          value = value.path(part);
        }
        if (value.isTextual() && value.asText().length() >= 4) {
          secrets.add(value.asText());
        }
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(secrets);
  }

  /** {@code node} with every secret masked in its text values, at any depth. */
  JsonNode redact(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(redact(node.asText()));
    }
    JsonNode copy = node.deepCopy();
    if (copy instanceof ObjectNode object) {
      object.properties().forEach(field -> field.setValue(redact(field.getValue())));
    } else if (copy instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redact(array.get(i)));
      }
    }
    return copy;
  }

  String redact(String line) {
    String result = line;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}

package dev.ferry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The body of {@code PATCH /deployments/{id}} as Prefect 2.7's {@code DeploymentUpdate} takes it:
 * its fields only, each of its type, or a 422 naming the field in pydantic's words.
 */
final class DeploymentUpdate {
  /** What a field takes, and how a 422 says it does not. */
  private enum Kind {
    TEXT(v -> v.isNull() || v.isTextual(), "str type expected", "type_error.str"),
    OPTIONAL_MAP(v -> v.isNull() || v.isObject(), "value is not a valid dict", "type_error.dict"),
    MAP(JsonNode::isObject, "value is not a valid dict", "type_error.dict"),
    BOOLEAN(JsonNode::isBoolean, "value could not be parsed to a boolean", "type_error.bool"),
    TEXTS(v -> v.isArray() && v.valueStream().allMatch(JsonNode::isTextual), "value is not a valid list of strings",
        "type_error.list"),
    ID(v -> v.isNull() || v.isTextual() && isUuid(v.asText()), "value is not a valid uuid", "type_error.uuid");

    private final Predicate<JsonNode> takes;
    private final String message;
    private final String type;

    Kind(Predicate<JsonNode> takes, String message, String type) {
      this.takes = takes;
      this.message = message;
      this.type = type;
    }
  }

  private static final Map<String, Kind> FIELDS = Map.ofEntries(Map.entry("version", Kind.TEXT),
      Map.entry("schedule", Kind.OPTIONAL_MAP), Map.entry("description", Kind.TEXT),
      Map.entry("is_schedule_active", Kind.BOOLEAN), Map.entry("parameters", Kind.MAP), Map.entry("tags", Kind.TEXTS),
      Map.entry("work_queue_name", Kind.TEXT), Map.entry("work_pool_name", Kind.TEXT), Map.entry("path", Kind.TEXT),
      Map.entry("infra_overrides", Kind.MAP), Map.entry("entrypoint", Kind.TEXT), Map.entry("manifest_path", Kind.TEXT),
      Map.entry("storage_document_id", Kind.ID), Map.entry("infrastructure_document_id", Kind.ID));

  private DeploymentUpdate() {}

  /** Fails with a 422 naming the first field of {@code body} that DeploymentUpdate has not, or of another type. */
  static void check(JsonNode body) {
    if (!body.isObject()) {
      throw ApiError.invalid(List.of("body"), "value is not a valid dict", "type_error.dict", body);
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      Kind kind = FIELDS.get(field.getKey());
      if (kind == null) {
        throw ApiError.invalid(List.of("body", field.getKey()), "extra fields not permitted", "value_error.extra",
            body);
      }
      if (!kind.takes.test(field.getValue())) {
        throw ApiError.invalid(List.of("body", field.getKey()), kind.message, kind.type, body);
      }
    }
  }

  private static boolean isUuid(String text) {
    try {
      UUID.fromString(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

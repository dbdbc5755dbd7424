package dev.ferry.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads request parts, failing with Prefect-shaped 422 answers that name the part at fault. */
public final class Requests {
  private Requests() {}

  /** The JSON body; an empty body reads as an empty object. */
  public static JsonNode body(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
      ObjectNode context = Json.object().put("msg", e.getOriginalMessage()).put("doc", text).put("pos", offset);
      if (e.getLocation() != null) {
        context.put("lineno", e.getLocation().getLineNr()).put("colno", e.getLocation().getColumnNr());
      }
      throw ApiError.invalid(List.of("body", offset), e.getOriginalMessage(), "value_error.jsondecode", context,
          TextNode.valueOf(text));
    }
  }

  public static UUID pathId(RoutingContext ctx) {
    return pathUuid(ctx, "id");
  }

  public static UUID pathUuid(RoutingContext ctx, String name) {
    String text = ctx.pathParam(name);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(List.of("path", name), "value is not a valid uuid", "type_error.uuid", NullNode.instance);
    }
  }

  public static boolean queryBoolean(RoutingContext ctx, String name) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return false;
    }
    return switch (text.toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw ApiError.invalid(List.of("query", name), "value could not be parsed to a boolean", "type_error.bool",
          NullNode.instance);
    };
  }

  /** A required, non-null field of the body. */
  public static JsonNode required(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiError.invalid(List.of("body", field), "field required", "value_error.missing", body);
    }
    return value;
  }

  public static String requiredText(JsonNode body, String field) {
    return required(body, field).asText();
  }

  /** An optional text field, or null. */
  public static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** An optional UUID field, or null; a malformed one is a 422. */
  public static UUID uuid(JsonNode body, String field) {
    String text = text(body, field);
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(List.of("body", field), "value is not a valid uuid", "type_error.uuid", body);
    }
  }

  /** An optional date-time field, or null; a malformed one is a 422 naming the field. */
  public static OffsetDateTime time(JsonNode body, String field) {
    String text = text(body, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(List.of("body", field), "invalid datetime format", "value_error.datetime", body);
    }
  }

  /** A required, non-empty list of UUIDs; a missing, empty or malformed one is a 422 naming the field. */
  public static List<UUID> uuids(JsonNode body, String field) {
    JsonNode values = required(body, field);
    if (!values.isArray() || values.isEmpty()) {
      throw ApiError.invalid(List.of("body", field), "value is not a non-empty list", "type_error.list", body);
    }
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      try {
        ids.add(UUID.fromString(values.get(i).asText()));
      } catch (IllegalArgumentException e) {
        List<Object> at = List.of("body", field, i);
        throw ApiError.invalid(at, "value is not a valid uuid", "type_error.uuid", body);
      }
    }
    return ids;
  }

  /** An optional list of strings, or an empty list. */
  public static List<String> strings(JsonNode body, String field) {
    List<String> values = new ArrayList<>();
    body.path(field).forEach(v -> values.add(v.asText()));
    return values;
  }

  /** {@code limit} of a filter body, at most 200 as Prefect allows. */
  public static int limit(JsonNode body) {
    JsonNode limit = body.get("limit");
    if (limit == null || limit.isNull()) {
      return 200;
    }
    if (!limit.canConvertToInt()) {
      throw ApiError.invalid(List.of("body", "limit"), "value is not a valid integer", "type_error.integer", body);
    }
    if (limit.asInt() > 200) {
      throw ApiError.detail(422, "Invalid limit: must be less than or equal to 200.");
    }
    return limit.asInt();
  }

  public static int offset(JsonNode body) {
    JsonNode offset = body.get("offset");
    if (offset == null || offset.isNull()) {
      return 0;
    }
    if (!offset.canConvertToInt()) {
      throw ApiError.invalid(List.of("body", "offset"), "value is not a valid integer", "type_error.integer", body);
    }
    return offset.asInt();
  }
}

package dev.ferry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** An error answer in the shape Prefect's API gives it: {@code detail} for 404/409, a validation body for 422. */
public final class ApiError extends RuntimeException {
  private final int status;
  private final JsonNode body;

  private ApiError(int status, String message, JsonNode body) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  public static ApiError notFound(String detail) {
    return detail(404, detail);
  }

  public static ApiError conflict(String detail) {
    return detail(409, detail);
  }

  /** An error Prefect reports with {@code exception_message} only, such as a run unknown to set_state. */
  public static ApiError message(int status, String message) {
    return new ApiError(status, message, Json.object().put("exception_message", message));
  }

  public static ApiError detail(int status, String detail) {
    ObjectNode body = Json.object().put("detail", detail);
    return new ApiError(status, detail, body);
  }

  /** A 422 naming where in the request the bad value is ({@code ["body", "state", "type"]}). */
  public static ApiError invalid(List<Object> location, String message, String type, JsonNode requestBody) {
    return invalid(location, message, type, null, requestBody);
  }

  /** A 422 for a value outside an enumeration, listing the permitted ones as Prefect does. */
  public static ApiError notOneOf(List<Object> location, Collection<String> permitted, JsonNode requestBody) {
    ObjectNode context = Json.object();
    permitted.forEach(context.putArray("enum_values")::add);
    String listed = permitted.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", "));
    return invalid(location, "value is not a valid enumeration member; permitted: " + listed, "type_error.enum", context,
        requestBody);
  }

  /** A 422 with the {@code ctx} object Prefect adds to some kinds of error. */
  public static ApiError invalid(List<Object> location, String message, String type, ObjectNode context,
      JsonNode requestBody) {
    ObjectNode problem = Json.object();
    ArrayNode loc = problem.putArray("loc");
    location.forEach(part -> loc.add(Json.toTree(part)));
    problem.put("msg", message).put("type", type);
    if (context != null) {
      problem.set("ctx", context);
    }
    ObjectNode body = Json.object().put("exception_message", "Invalid request received.");
    body.putArray("exception_detail").add(problem);
    body.set("request_body", requestBody);
    return new ApiError(422, location + ": " + message, body);
  }

  public int status() {
    return status;
  }

  public JsonNode body() {
    return body;
  }
}

package dev.ferry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.util.List;

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

  public static ApiError detail(int status, String detail) {
    ObjectNode body = Json.object().put("detail", detail);
    return new ApiError(status, detail, body);
  }

  /** A 422 naming where in the request the bad value is ({@code ["body", "state", "type"]}). */
  public static ApiError invalid(List<Object> location, String message, String type, JsonNode requestBody) {
    ObjectNode problem = Json.object();
    ArrayNode loc = problem.putArray("loc");
    location.forEach(part -> loc.add(Json.toTree(part)));
    problem.put("msg", message).put("type", type);
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

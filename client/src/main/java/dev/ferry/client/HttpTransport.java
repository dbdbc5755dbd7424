package dev.ferry.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends JSON requests to the API and maps every answer that is not a success to an {@link ApiException}, here only;
 * a retryable one carries the pause its {@code Retry-After} asked for.
 */
final class HttpTransport {
  private static final long TIMEOUT_MS = 30_000;

  private final WebClient web;
  private final URI apiUrl;
  private final String apiKey;

  HttpTransport(WebClient web, URI apiUrl, String apiKey) {
    this.web = web;
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
  }

  URI apiUrl() {
    return apiUrl;
  }

  /** Sends a request; {@code type} null means the body of the answer is ignored. */
  <T> Future<T> call(HttpMethod method, String path, JsonNode body, JavaType type) {
    String url = apiUrl + path;
    HttpRequest<Buffer> request = web.requestAbs(method, url).timeout(TIMEOUT_MS)
        .putHeader("accept", "application/json")
        .putHeader("x-prefect-api-version", "0.8.4");
    if (apiKey != null) {
      request.putHeader("authorization", "Bearer " + apiKey);
    }
    Future<HttpResponse<Buffer>> sent = body == null
        ? request.send()
        : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(Json.write(body)));
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new ApiException(0, "Cannot reach the API at " + apiUrl + " (" + method + " " + path
            + "): " + ar.cause().getMessage() + ". Start it with 'ferry server start', or unset PREFECT_API_URL and"
            + " --api to use the embedded default.", true, ar.cause()));
      }
      HttpResponse<Buffer> response = ar.result();
      if (response.statusCode() >= 300) {
        return Future.failedFuture(error(method, path, response));
      }
      if (type == null) {
        return Future.succeededFuture();
      }
      try {
        return Future.succeededFuture(Json.MAPPER.readValue(response.bodyAsString(), type));
      } catch (Exception e) {
        return Future.failedFuture(new ApiException(response.statusCode(), "The API at " + apiUrl + " answered " + method
            + " " + path + " with a body ferry cannot read: " + e.getMessage(), false, e));
      }
    });
  }

  void close() {
    web.close();
  }

  private ApiException error(HttpMethod method, String path, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String detail = detail(response.bodyAsString());
    boolean retryable = status >= 500 || status == 429;
    Duration retryAfter = retryable ? RetryAfter.parse(response.getHeader("retry-after"), Instant.now()) : null;
    return new ApiException(status, method + " " + apiUrl + path + " answered " + status + ": " + detail, retryable,
        null, retryAfter);
  }

  /**
   * What an error answer's body says, for a person: Prefect's {@code detail} or {@code exception_message}; a
   * validation error's {@code exception_detail} as {@code field: message} for each field it names, e.g.
   * {@code schedule: ...} for the body's field, {@code path.id: ...} for a URL's part; the raw body when it is not
   * JSON.
   */
  static String detail(String body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      if (json.hasNonNull("detail")) {
        return json.get("detail").asText();
      }
      JsonNode fields = json.path("exception_detail");
      if (fields.isArray() && !fields.isEmpty()) {
        List<String> said = new ArrayList<>();
        for (JsonNode field : fields) {
          List<JsonNode> path = new ArrayList<>();
          field.path("loc").forEach(path::add);
          if (!path.isEmpty() && path.get(0).asText().equals("body")) {
            path.remove(0);
          }
          String message = field.path("msg").asText(field.toString());
          // a number right after "body" is where in the text the body stopped being JSON, not a field
          boolean named = !path.isEmpty() && !path.get(0).isNumber();
          said.add(named ? String.join(".", path.stream().map(JsonNode::asText).toList()) + ": " + message : message);
        }
        return String.join("; ", said);
      }
      if (json.hasNonNull("exception_message")) {
        return json.get("exception_message").asText();
      }
    } catch (Exception notJson) {
      // the raw body is the best detail there is
    }
    return body;
  }
}

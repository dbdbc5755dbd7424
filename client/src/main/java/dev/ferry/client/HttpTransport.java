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
    String detail = response.bodyAsString();
    try {
      JsonNode json = Json.MAPPER.readTree(detail);
      if (json.hasNonNull("detail")) {
        detail = json.get("detail").asText();
      } else if (json.hasNonNull("exception_detail")) {
        detail = json.get("exception_detail").toString();
      } else if (json.hasNonNull("exception_message")) {
        detail = json.get("exception_message").asText();
      }
    } catch (Exception ignored) {
      // not JSON: the raw body is the best detail there is
    }
    boolean retryable = status >= 500 || status == 429;
    Duration retryAfter = retryable ? RetryAfter.parse(response.getHeader("retry-after"), Instant.now()) : null;
    return new ApiException(status, method + " " + apiUrl + path + " answered " + status + ": " + detail, retryable,
        null, retryAfter);
  }
}

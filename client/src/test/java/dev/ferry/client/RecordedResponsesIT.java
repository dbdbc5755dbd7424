package dev.ferry.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.LogRecord;
import dev.ferry.model.State;
import dev.ferry.testing.Reference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plays back a real Prefect 2.7.12 server's answers to the client. For each recorded exchange
 * the test makes the matching client call; the playback server checks the call's method and path
 * are the recorded ones, answers with the recorded status and body, and the client must parse it.
 */
class RecordedResponsesIT {
  private final List<JsonNode> exchanges = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final List<String> wrongRequests = new ArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private OrchestrationClient client;

  @BeforeEach
  void start() throws Exception {
    for (String line : Reference.lines("agent-session-capture.jsonl")) {
      exchanges.add(Json.tree(line));
    }
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> {
      JsonNode expected = exchanges.get(next.getAndIncrement());
      String recordedPath = expected.get("path").asText().split("\\?")[0];
      if (!request.method().name().equals(expected.get("method").asText()) || !request.path().equals(recordedPath)) {
        wrongRequests.add(request.method() + " " + request.path() + " instead of " + expected.get("method").asText() + " "
            + recordedPath);
      }
      request.response().setStatusCode(expected.get("status").asInt()).end(expected.get("resp_body").asText());
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    client = new OrchestrationClient(vertx, URI.create("http://127.0.0.1:" + server.actualPort() + "/api"), null);
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void everyRecordedResponseParsesInTheClient() throws Exception {
    int parsed = 0;
    for (JsonNode exchange : exchanges) {
      if (exchange.get("method").asText().equals("PATCH") && exchange.get("path").asText().startsWith("/api/block_types/")) {
        next.incrementAndGet(); // Prefect's client refreshing block type texts; ferry's server ships its own
        continue;
      }
      Future<?> call = call(exchange);
      Object result = call.toCompletionStage().toCompletableFuture().get();
      String body = exchange.get("resp_body").asText();
      if (!body.isEmpty() && !body.equals("null")) {
        assertThat(result).as(exchange.get("path").asText()).isNotNull();
        if (result instanceof List<?> list) {
          assertThat(list).hasSize(Json.tree(body).size());
        } else {
          JsonNode recorded = Json.tree(body);
          JsonNode read = Json.toTree(result);
          recorded.fieldNames().forEachRemaining(key -> assertThat(read.has(key)).as(key + " is read").isTrue());
          assertThat(read.path("id").asText()).isEqualTo(recorded.path("id").asText());
        }
        parsed++;
      }
    }
    assertThat(wrongRequests).isEmpty();
    assertThat(next.get()).isEqualTo(exchanges.size());
    assertThat(parsed).isGreaterThan(30);
  }

  /** The client call that sends the recorded request. */
  private Future<?> call(JsonNode exchange) throws Exception {
    String method = exchange.get("method").asText();
    String[] path = exchange.get("path").asText().split("\\?")[0].split("/");
    String body = exchange.get("req_body").asText();
    JsonNode request = body.isEmpty() ? Json.object() : Json.tree(body);
    String resource = path[2];
    String last = path[path.length - 1];
    return switch (method + " " + resource) {
      case "POST flows" -> client.createFlow(request.get("name").asText());
      case "GET flows" -> client.readFlow(UUID.fromString(last));
      case "GET block_types" -> client.readBlockType(last);
      case "GET block_schemas" -> client.readBlockSchema(last);
      case "POST block_documents" -> client.createBlockDocument((ObjectNode) request);
      case "GET block_documents" -> client.readBlockDocument(UUID.fromString(last), true);
      case "POST deployments" -> path.length == 3 ? client.createDeployment((ObjectNode) request)
          : client.createFlowRun(UUID.fromString(path[3]), (ObjectNode) request);
      case "GET deployments" -> path[3].equals("name") ? client.readDeploymentByName(path[4], path[5])
          : client.readDeployment(UUID.fromString(last));
      case "POST flow_runs" -> last.equals("filter") ? client.filterFlowRuns((ObjectNode) request)
          : client.setFlowRunState(UUID.fromString(path[3]), Json.convert(request.get("state"), State.class),
              request.get("force").asBoolean());
      case "GET flow_runs" -> client.readFlowRun(UUID.fromString(last));
      case "PATCH flow_runs" -> client.patchFlowRun(UUID.fromString(last), (ObjectNode) request);
      case "GET work_queues" -> client.readWorkQueueByName(last);
      case "POST work_queues" -> client.getRuns(UUID.fromString(path[3]), request.get("limit").asInt(),
          OffsetDateTime.parse(request.get("scheduled_before").asText()));
      case "POST logs" -> client.createLogs(Json.MAPPER.convertValue(request, new TypeReference<List<LogRecord>>() {}));
      default -> throw new AssertionError("no client call for " + method + " " + exchange.get("path").asText());
    };
  }
}

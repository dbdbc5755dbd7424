package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays every request of a real Prefect 2.7.12 session (build, apply, run, agent, COMPLETED)
 * against a ferry server and checks each answer has the recorded status and the same keys, recursively.
 */
class CaptureReplayIT extends ServerTest {

  @Test
  void everyRecordedRequestGetsTheRecordedStatusAndKeys() throws Exception {
    Replayer replayer = new Replayer(server.apiUrl());
    List<JsonNode> exchanges = new ArrayList<>();
    for (String line : Reference.lines("agent-session-capture.jsonl")) {
      exchanges.add(Json.tree(line));
    }
    for (JsonNode exchange : exchanges) {
      if (exchange.get("path").asText().startsWith("/api/block_schemas/checksum/")) {
        replayer.registerSchema(Json.tree(exchange.get("resp_body").asText()));
      }
    }
    for (JsonNode exchange : exchanges) {
      String method = exchange.get("method").asText();
      String path = exchange.get("path").asText();
      String body = exchange.get("req_body").asText();
      int status = exchange.get("status").asInt();
      if (method.equals("POST") && status == 200 && (path.equals("/api/flows/") || path.equals("/api/deployments/"))) {
        // An answer of 200 to a create says the object existed before the session: make it exist.
        replayer.send(method, path, body);
      }
      String recorded = exchange.get("resp_body").asText();
      Instant sent = Instant.ofEpochMilli(Math.round(exchange.get("t").asDouble() * 1000));
      replayer.check(method + " " + path, sent, method, path, body, status, recorded.isEmpty() ? null : Json.tree(recorded));
    }
    assertThat(replayer.mismatches()).isEmpty();
    assertThat(exchanges).hasSize(45);
  }
}

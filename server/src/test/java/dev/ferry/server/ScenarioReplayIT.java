package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays the recorded Prefect 2.7.12 scenarios (blocks, deployments, work queues, flow runs,
 * errors) against one ferry server, in the order they happened: the files were recorded
 * interleaved against one Prefect server, and later files use what earlier ones created.
 * Each answer must have the recorded status and the same keys, recursively.
 */
class ScenarioReplayIT extends ServerTest {
  private static final List<String> FILES = List.of("blocks.json", "deployments.json", "work_queues.json",
      "flow_runs.json", "errors.json");
  private static final Set<String> TIME_KEYS = Set.of("created", "updated", "timestamp", "last_polled");

  /**
   * Where Prefect 2.7.12 answers with a server error for a request that is simply invalid,
   * ferry answers 422 naming the field: the status ferry gives, by the recording's name.
   */
  private static final Map<String, Integer> BETTER_THAN_RECORDED = Map.of(
      "raw: 500 (not 422): POST /flows/ {} (name is optional in FlowCreate; Flow(name=None) fails server-side)", 422);

  private record Exchange(String file, int index, String time, JsonNode recorded) {}

  @Test
  void everyRecordedScenarioGetsTheRecordedStatusesAndKeys() throws Exception {
    Replayer replayer = new Replayer(server.apiUrl());
    List<Exchange> exchanges = inRecordedOrder();
    for (Exchange exchange : exchanges) {
      JsonNode recorded = exchange.recorded();
      if (recorded.get("path").asText().startsWith("/api/block_schemas/checksum/") && recorded.get("status").asInt() == 200) {
        replayer.registerSchema(recorded.get("response_body"));
      }
    }
    for (Exchange exchange : exchanges) {
      JsonNode recorded = exchange.recorded();
      String name = recorded.get("name").asText();
      String method = recorded.get("method").asText();
      String path = recorded.get("path").asText() + Replayer.query(recorded.get("query"));
      int status = BETTER_THAN_RECORDED.getOrDefault(name, recorded.get("status").asInt());
      JsonNode expected = status == recorded.get("status").asInt() ? recorded.get("response_body") : null;
      Instant sent = exchange.time().isEmpty() ? null : OffsetDateTime.parse(exchange.time()).toInstant();
      replayer.check(exchange.file() + "[" + exchange.index() + "] " + name, sent, method, path, body(recorded), status,
          expected);
    }
    assertThat(replayer.mismatches()).isEmpty();
    assertThat(exchanges).hasSize(84 + 54 + 44 + 40 + 20);
  }

  /** The request body as sent: for a malformed-JSON case the recording keeps only the text Prefect failed on. */
  private static String body(JsonNode recorded) {
    JsonNode body = recorded.get("request_body");
    JsonNode detail = recorded.at("/response_body/exception_detail/0");
    if ((body == null || body.isNull()) && detail.path("type").asText().equals("value_error.jsondecode")) {
      return detail.at("/ctx/doc").asText();
    }
    return body == null || body.isNull() ? "" : Json.write(body);
  }

  /**
   * All exchanges merged by when they happened: each file keeps its order, and an exchange's
   * time is the latest creation or update time its answer shows (or its predecessor's).
   */
  private static List<Exchange> inRecordedOrder() throws Exception {
    List<Exchange> all = new ArrayList<>();
    for (String file : FILES) {
      JsonNode recorded = Json.tree(Reference.text(file));
      String time = "";
      for (int i = 0; i < recorded.size(); i++) {
        time = latest(recorded.get(i).get("response_body"), time);
        all.add(new Exchange(file, i, time, recorded.get(i)));
      }
    }
    all.sort(Comparator.comparing(Exchange::time));
    return all;
  }

  private static String latest(JsonNode node, String time) {
    String latest = time;
    if (node == null) {
      return latest;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        latest = latest(element, latest);
      }
      return latest;
    }
    for (var fields = node.fields(); fields.hasNext(); ) {
      var field = fields.next();
      if (TIME_KEYS.contains(field.getKey()) && field.getValue().isTextual()
          && field.getValue().asText().compareTo(latest) > 0) {
        latest = field.getValue().asText();
      } else if (field.getValue().isContainerNode()) {
        latest = latest(field.getValue(), latest);
      }
    }
    return latest;
  }
}

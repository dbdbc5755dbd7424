package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays every request of a real Prefect 2.7.12 session (build, apply, run, agent, COMPLETED)
 * against a ferry server and checks each answer has the recorded status and the same keys,
 * recursively. Ids the server makes up are mapped from the recorded ones as answers come in.
 */
class CaptureReplayIT extends ServerTest {
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** Free-form maps whose keys are the user's, not the API's. */
  private static final Set<String> OPEN_MAPS = Set.of("fields", "data", "parameters", "parameter_openapi_schema",
      "infra_overrides", "context", "block_document_references");

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> ids = new HashMap<>();

  @Test
  void everyRecordedRequestGetsTheRecordedStatusAndKeys() throws Exception {
    List<JsonNode> exchanges = new ArrayList<>();
    for (String line : Files.readAllLines(Reference.file("agent-session-capture.jsonl"))) {
      exchanges.add(Json.tree(line));
    }
    registerPrefectSchemas(exchanges);
    List<String> mismatches = new ArrayList<>();
    for (JsonNode exchange : exchanges) {
      String method = exchange.get("method").asText();
      String path = exchange.get("path").asText();
      int recordedStatus = exchange.get("status").asInt();
      if (method.equals("POST") && recordedStatus == 200 && (path.equals("/api/flows/") || path.equals("/api/deployments/"))) {
        // An answer of 200 to a create says the object existed before the session: make it exist.
        send(method, path, exchange.get("req_body").asText());
      }
      HttpResponse<String> answer = send(method, path, exchange.get("req_body").asText());
      String where = method + " " + path;
      if (answer.statusCode() != recordedStatus) {
        mismatches.add(where + ": status " + answer.statusCode() + ", recorded " + recordedStatus + " " + answer.body());
        continue;
      }
      String recordedBody = exchange.get("resp_body").asText();
      if (!recordedBody.isEmpty()) {
        JsonNode recorded = Json.tree(recordedBody);
        JsonNode actual = Json.tree(answer.body());
        compareKeys(where, "", recorded, actual, mismatches);
        learnIds(recorded, actual);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(exchanges).hasSize(45);
  }

  /** Registers the block schemas the recorded Prefect client had registered, as {@code prefect block register} would. */
  private void registerPrefectSchemas(List<JsonNode> exchanges) throws Exception {
    for (JsonNode exchange : exchanges) {
      if (exchange.get("path").asText().startsWith("/api/block_schemas/checksum/")) {
        JsonNode schema = Json.tree(exchange.get("resp_body").asText());
        HttpResponse<String> type = send("GET", "/api/block_types/slug/" + schema.at("/block_type/slug").asText(), "");
        ObjectNode body = Json.object();
        body.set("fields", schema.get("fields"));
        body.put("block_type_id", Json.tree(type.body()).get("id").asText());
        body.set("capabilities", schema.get("capabilities"));
        body.put("version", schema.get("version").asText());
        HttpResponse<String> created = send("POST", "/api/block_schemas/", Json.write(body));
        assertThat(created.statusCode()).isIn(200, 201);
        learnIds(schema, Json.tree(created.body()));
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    String url = server.apiUrl().toString().replace("/api", "") + mapIds(path);
    HttpRequest.BodyPublisher publisher = body.isEmpty()
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(mapIds(body));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, publisher)
        .header("content-type", "application/json").build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String mapIds(String text) {
    var matcher = UUID_TEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, ids.getOrDefault(matcher.group(), matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private void learnIds(JsonNode recorded, JsonNode actual) {
    if (recorded.isTextual() && actual.isTextual() && UUID_TEXT.matcher(recorded.asText()).matches()
        && UUID_TEXT.matcher(actual.asText()).matches()) {
      ids.putIfAbsent(recorded.asText(), actual.asText());
    } else if (recorded.isObject() && actual.isObject()) {
      recorded.fieldNames().forEachRemaining(key -> {
        if (actual.has(key)) {
          learnIds(recorded.get(key), actual.get(key));
        }
      });
    } else if (recorded.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(recorded.size(), actual.size()); i++) {
        learnIds(recorded.get(i), actual.get(i));
      }
    }
  }

  private static void compareKeys(String where, String at, JsonNode recorded, JsonNode actual, List<String> mismatches) {
    if (recorded.isArray() && actual.isArray() && recorded.size() > 0 && actual.size() > 0) {
      compareKeys(where, at + "[0]", recorded.get(0), actual.get(0), mismatches);
    } else if (recorded.isObject() && actual.isObject()) {
      Set<String> expected = keys(recorded);
      Set<String> got = keys(actual);
      if (!expected.equals(got)) {
        mismatches.add(where + " at '" + at + "': keys " + got + ", recorded " + expected);
        return;
      }
      for (String key : expected) {
        if (!OPEN_MAPS.contains(key)) {
          compareKeys(where, at + "/" + key, recorded.get(key), actual.get(key), mismatches);
        }
      }
    }
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    return keys;
  }
}

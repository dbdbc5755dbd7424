package dev.ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends recorded Prefect requests to a ferry server and compares each answer with the recorded
 * one: the same status and the same keys, recursively. Ids the server makes up are mapped from
 * the recorded ones as answers come in, and times in requests move by the distance between the
 * recording and now, so "three days from now" stays three days from now.
 */
final class Replayer {
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TIME_TEXT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(\\+00:00|Z)");
  /** Free-form maps whose keys are the user's, not the API's. */
  private static final Set<String> OPEN_MAPS = Set.of("fields", "data", "parameters", "parameter_openapi_schema",
      "infra_overrides", "context", "block_document_references", "ctx");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String root;
  private final Map<String, String> ids = new HashMap<>();
  private final List<String> mismatches = new ArrayList<>();
  private Duration clockShift;

  Replayer(URI apiUrl) {
    this.root = apiUrl.toString().replace("/api", "");
  }

  /**
   * Sends one recorded request, checks the answer against the recorded one and learns the ids in
   * it. {@code recordedAt} is when the request was sent, if known: times in the request move by
   * the distance from then to now.
   */
  void check(String where, Instant recordedAt, String method, String path, String body, int recordedStatus,
      JsonNode recordedBody) throws Exception {
    if (recordedAt != null) {
      clockShift = Duration.between(recordedAt, Instant.now());
    }
    HttpResponse<String> answer = send(method, path, body);
    if (answer.statusCode() != recordedStatus) {
      mismatches.add(where + ": status " + answer.statusCode() + ", recorded " + recordedStatus + " " + answer.body());
      return;
    }
    if (recordedBody != null && !recordedBody.isNull()) {
      JsonNode actual = Json.tree(answer.body());
      compareKeys(where, "", recordedBody, actual);
      learnIds(recordedBody, actual);
    }
  }

  /** Registers a block schema the recorded Prefect client had registered, as {@code prefect block register} would. */
  void registerSchema(JsonNode recordedSchema) throws Exception {
    String slug = recordedSchema.at("/block_type/slug").asText();
    HttpResponse<String> type = send("GET", "/api/block_types/slug/" + slug, "");
    ObjectNode body = Json.object();
    body.set("fields", recordedSchema.get("fields"));
    body.put("block_type_id", Json.tree(type.body()).get("id").asText());
    body.set("capabilities", recordedSchema.get("capabilities"));
    body.put("version", recordedSchema.get("version").asText());
    HttpResponse<String> created = send("POST", "/api/block_schemas/", Json.write(body));
    if (created.statusCode() != 200 && created.statusCode() != 201) {
      throw new AssertionError("registering the recorded " + slug + " schema: " + created.body());
    }
    learnIds(recordedSchema, Json.tree(created.body()));
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body.isEmpty()
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(shiftTimes(mapIds(body)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(root + mapIds(path))).method(method, publisher)
        .header("content-type", "application/json").build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A query string from a recorded query map, ids mapped. */
  static String query(JsonNode query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    query.fields().forEachRemaining(entry -> out.append(out.length() == 0 ? "?" : "&").append(entry.getKey()).append('=')
        .append(URLEncoder.encode(entry.getValue().asText(), StandardCharsets.UTF_8)));
    return out.toString();
  }

  List<String> mismatches() {
    return mismatches;
  }

  private String mapIds(String text) {
    return replace(UUID_TEXT.matcher(text), id -> ids.getOrDefault(id, id));
  }

  private String shiftTimes(String text) {
    if (clockShift == null) {
      return text;
    }
    return replace(TIME_TEXT.matcher(text), time -> OffsetDateTime.parse(time).plus(clockShift)
        .withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  private static String replace(Matcher matcher, java.util.function.UnaryOperator<String> change) {
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(change.apply(matcher.group())));
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

  private void compareKeys(String where, String at, JsonNode recorded, JsonNode actual) {
    if (recorded.isArray() && actual.isArray() && recorded.size() > 0 && actual.size() > 0) {
      compareKeys(where, at + "[0]", recorded.get(0), actual.get(0));
    } else if (recorded.isObject() && actual.isObject()) {
      Set<String> expected = keys(recorded);
      Set<String> got = keys(actual);
      if (!expected.equals(got)) {
        mismatches.add(where + " at '" + at + "': keys " + got + ", recorded " + expected);
        return;
      }
      for (String key : expected) {
        if (!OPEN_MAPS.contains(key)) {
          compareKeys(where, at + "/" + key, recorded.get(key), actual.get(key));
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

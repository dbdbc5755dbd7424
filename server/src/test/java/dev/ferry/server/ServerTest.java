package dev.ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real ferry server on a fresh database and a loopback port, for each test: SQLite unless a subclass says otherwise. */
abstract class ServerTest {
  @TempDir Path dir;
  protected Vertx vertx;
  protected FerryServer server;
  private String jdbcUrl;

  /** The database the server uses. */
  protected String databaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("ferry.db");
  }

  /** The key the server asks for; none by default. */
  protected String apiKey() {
    return null;
  }

  private final HttpClient http = HttpClient.newHttpClient();

  /** A status and its JSON body (null when empty). */
  protected record Answer(int status, JsonNode body) {}

  /** Sends a JSON request to a path under {@code /api}. */
  protected Answer send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? null : Json.tree(response.body()));
  }

  /** Saves a block document of a built-in block type with its data (JSON) and answers it as saved. */
  protected JsonNode saveBlock(String slug, String name, String data) throws Exception {
    Answer answer = send("POST", "/block_documents/", blockDocument(slug, name, data));
    if (answer.status() != 201) {
      throw new AssertionError("Block " + slug + "/" + name + " not saved: " + answer);
    }
    return answer.body();
  }

  /** The body that creates a block document of a built-in block type. */
  protected String blockDocument(String slug, String name, String data) throws Exception {
    JsonNode schema = send("POST", "/block_schemas/filter", "{\"block_schemas\": {\"block_type_id\": {\"any_\": [\""
        + send("GET", "/block_types/slug/" + slug, null).body().get("id").asText() + "\"]}}}").body().get(0);
    return "{\"name\": \"" + name + "\", \"data\": " + data + ", \"block_schema_id\": \"" + schema.get("id").asText()
        + "\", \"block_type_id\": \"" + schema.get("block_type_id").asText() + "\"}";
  }

  /** Counts rows of the server's database, as a check that nothing is left behind. */
  protected long countRows(String sql, Object... params) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @BeforeEach
  void startServer() {
    vertx = Vertx.vertx();
    jdbcUrl = databaseUrl();
    server = FerryServer.start(vertx, new ServerOptions(jdbcUrl, "127.0.0.1", 0, apiKey(),
        dev.ferry.server.services.ServiceSettings.DEFAULTS));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}

package dev.ferry.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real ferry server on a fresh database and a loopback port, for each test: SQLite unless a subclass says otherwise. */
abstract class ServerTest {
  @TempDir Path dir;
  protected Vertx vertx;
  protected FerryServer server;

  /** The database the server uses. */
  protected String databaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("ferry.db");
  }

  /** The key the server asks for; none by default. */
  protected String apiKey() {
    return null;
  }

  @BeforeEach
  void startServer() {
    vertx = Vertx.vertx();
    server = FerryServer.start(vertx, new ServerOptions(databaseUrl(), "127.0.0.1", 0, apiKey(),
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

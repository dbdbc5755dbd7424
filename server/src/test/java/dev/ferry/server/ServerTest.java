package dev.ferry.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real ferry server on a fresh SQLite file and a loopback port, for each test. */
abstract class ServerTest {
  @TempDir Path dir;
  protected Vertx vertx;
  protected FerryServer server;

  @BeforeEach
  void startServer() {
    vertx = Vertx.vertx();
    server = FerryServer.embedded(vertx, dir.resolve("ferry.db"));
  }

  @AfterEach
  void stopServer() {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}

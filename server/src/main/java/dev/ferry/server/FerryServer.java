package dev.ferry.server;

import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.server.api.ApiRouter;
import dev.ferry.server.db.BlockRepository;
import dev.ferry.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.nio.file.Path;

/**
 * The orchestration API server: a database, the built-in block types registered in it, and the
 * HTTP API on a host and port. Port 0 picks a free port; {@link #apiUrl()} says which.
 */
public final class FerryServer implements AutoCloseable {
  private final Database db;
  private final HttpServer http;
  private final String host;

  private FerryServer(Database db, HttpServer http, String host) {
    this.db = db;
    this.http = http;
    this.host = host;
  }

  /** Opens the database (migrating it), registers the built-in blocks and starts listening. Blocking. */
  public static FerryServer start(Vertx vertx, String jdbcUrl, String host, int port) {
    Database db = Database.open(vertx, jdbcUrl);
    try {
      Future<HttpServer> started = db.transaction(c -> {
        BlockRepository blocks = new BlockRepository();
        for (BlockDefinition definition : BlockCatalog.all()) {
          blocks.register(c, definition);
        }
        return null;
      }).compose(ignored -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
          .requestHandler(ApiRouter.create(vertx, db))
          .listen());
      HttpServer http = started.toCompletionStage().toCompletableFuture().join();
      return new FerryServer(db, http, host);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The embedded default: SQLite under ferry's home, on a free loopback port. */
  public static FerryServer embedded(Vertx vertx, Path database) {
    return start(vertx, "jdbc:sqlite:" + database.toAbsolutePath(), "127.0.0.1", 0);
  }

  public int port() {
    return http.actualPort();
  }

  public URI apiUrl() {
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return URI.create("http://" + shown + ":" + port() + "/api");
  }

  @Override
  public void close() {
    http.close().toCompletionStage().toCompletableFuture().join();
    db.close();
  }
}

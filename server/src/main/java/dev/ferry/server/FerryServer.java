package dev.ferry.server;

import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.server.api.ApiRouter;
import dev.ferry.server.db.BlockRepository;
import dev.ferry.server.db.Database;
import dev.ferry.server.services.ServiceSettings;
import dev.ferry.server.services.Services;
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
  private final Services services;
  private final HttpServer http;
  private final String host;

  private FerryServer(Database db, Services services, HttpServer http, String host) {
    this.db = db;
    this.services = services;
    this.http = http;
    this.host = host;
  }

  /** Opens the database (migrating it), registers the built-in blocks, starts the services and listens. Blocking. */
  public static FerryServer start(Vertx vertx, ServerOptions options) {
    Database db = Database.open(vertx, options.databaseUrl());
    Services services = new Services(vertx, db, options.services());
    try {
      Future<HttpServer> started = db.transaction(c -> {
        BlockRepository blocks = new BlockRepository();
        for (BlockDefinition definition : BlockCatalog.all()) {
          blocks.register(c, definition);
        }
        return null;
      }).compose(ignored -> vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()))
          .requestHandler(ApiRouter.create(vertx, db, services, options.apiKey()))
          .listen());
      HttpServer http = started.toCompletionStage().toCompletableFuture().join();
      services.start();
      return new FerryServer(db, services, http, options.host());
    } catch (RuntimeException e) {
      services.close();
      db.close();
      throw e;
    }
  }

  /** A server on a database URL, on a host and port, with the default services and no key. */
  public static FerryServer start(Vertx vertx, String jdbcUrl, String host, int port) {
    return start(vertx, new ServerOptions(jdbcUrl, host, port, null, ServiceSettings.DEFAULTS));
  }

  /** The embedded default: SQLite under ferry's home, on a free loopback port. */
  public static FerryServer embedded(Vertx vertx, Path database) {
    return start(vertx, ServerOptions.embedded(database));
  }

  public int port() {
    return http.actualPort();
  }

  public URI apiUrl() {
    return dashboardUrl().resolve("/api");
  }

  /** Where a browser opens the dashboard. */
  public URI dashboardUrl() {
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return URI.create("http://" + shown + ":" + port() + "/");
  }

  @Override
  public void close() {
    services.close();
    http.close().toCompletionStage().toCompletableFuture().join();
    db.close();
  }
}

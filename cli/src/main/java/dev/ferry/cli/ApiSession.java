package dev.ferry.cli;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.FerryException;
import dev.ferry.server.FerryServer;
import dev.ferry.settings.FerrySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;

/**
 * A CLI command's connection to the orchestration API: the configured one, or in embedded mode
 * an in-process server on {@code $FERRY_HOME/ferry.db}, listening on a loopback port.
 */
public final class ApiSession implements AutoCloseable {
  private final Vertx vertx;
  private final FerryServer server;
  private final OrchestrationClient client;
  private final FerrySettings settings;

  private ApiSession(Vertx vertx, FerryServer server, OrchestrationClient client, FerrySettings settings) {
    this.vertx = vertx;
    this.server = server;
    this.client = client;
    this.settings = settings;
  }

  public static ApiSession open(FerrySettings settings) {
    Vertx vertx = Preload.vertx();
    try {
      FerryServer server = settings.embedded() ? FerryServer.embedded(vertx, settings.database()) : null;
      var url = server != null ? server.apiUrl() : settings.apiUrl();
      return new ApiSession(vertx, server, new OrchestrationClient(vertx, url, settings.apiKey()), settings);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  public OrchestrationClient client() {
    return client;
  }

  public Vertx vertx() {
    return vertx;
  }

  public FerrySettings settings() {
    return settings;
  }

  /** Waits for a future from this session's Vert.x; its failure is rethrown as it is. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new FerryException(e.getCause().toString(), false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException("Interrupted");
    }
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.close();
    }
    await(vertx.close());
  }
}

package dev.ferry.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The agent's health on its own port: {@code /health} answers 200 while the agent runs;
 * {@code /ready} answers 200 when the API answers and the agent knows its queues, 503 otherwise;
 * {@code /metrics} is Prometheus' text format.
 */
final class HealthServer {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  static Future<HealthServer> start(Vertx vertx, InetSocketAddress address, BooleanSupplier ready,
      Supplier<Future<String>> metrics) {
    HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(request, ready, metrics));
    return server.listen(address.getPort(), address.getHostString()).map(HealthServer::new);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }

  private static void answer(HttpServerRequest request, BooleanSupplier ready, Supplier<Future<String>> metrics) {
    var response = request.response();
    switch (request.path()) {
      case "/health" -> response.putHeader("content-type", "application/json").end("{\"status\": \"alive\"}");
      case "/ready" -> {
        boolean isReady = ready.getAsBoolean();
        response.setStatusCode(isReady ? 200 : 503).putHeader("content-type", "application/json")
            .end(isReady ? "{\"status\": \"ready\"}" : "{\"status\": \"waiting for the API or its work queues\"}");
      }
      case "/metrics" -> metrics.get().onSuccess(text -> response
          .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text))
          .onFailure(error -> response.setStatusCode(500).end("cannot read the metrics: " + error.getMessage() + "\n"));
      default -> response.setStatusCode(404).end("not found: try /health, /ready or /metrics\n");
    }
  }
}

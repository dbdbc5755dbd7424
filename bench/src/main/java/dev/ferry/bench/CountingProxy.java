package dev.ferry.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A proxy on loopback in front of a ferry server's API that counts the requests it gets, by route (the method and
 * the path with ids as {@code {id}}). As a plain Prefect API it answers every {@code /api/ferry/} path 404, as
 * Prefect's server does, so that an agent behind it polls {@code get_runs}; otherwise it passes everything on.
 */
final class CountingProxy {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final Map<String, LongAdder> counts;
  private final URI apiUrl;

  private CountingProxy(Map<String, LongAdder> counts, URI apiUrl) {
    this.counts = counts;
    this.apiUrl = apiUrl;
  }

  /** A proxy of the API at {@code upstream}; {@code plainPrefect} hides ferry's own paths. */
  static CountingProxy start(Vertx vertx, URI upstream, boolean plainPrefect) {
    HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(32));
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      counts.computeIfAbsent(request.method() + " " + request.path().replaceAll(UUID, "{id}"), route -> new LongAdder())
          .increment();
      if (plainPrefect && request.path().startsWith("/api/ferry/")) {
        request.response().setStatusCode(404).putHeader("content-type", "application/json")
            .end("{\"detail\": \"Not Found\"}");
        return;
      }
      request.body()
          .compose(body -> client.request(request.method(), upstream.getPort(), upstream.getHost(), request.uri())
              .compose(forward -> forward.putHeader("content-type", "application/json").send(body)))
          .compose(answer -> answer.body().compose(answerBody -> request.response().setStatusCode(answer.statusCode())
              .putHeader("content-type", "application/json").end(answerBody)))
          .onFailure(error -> request.response().setStatusCode(502).end(String.valueOf(error)));
    });
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    return new CountingProxy(counts, URI.create("http://127.0.0.1:" + port + "/api"));
  }

  URI apiUrl() {
    return apiUrl;
  }

  /** The requests counted since the last {@link #reset()}, by route. */
  Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((route, count) -> snapshot.put(route, count.sum()));
    return snapshot;
  }

  void reset() {
    counts.clear();
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

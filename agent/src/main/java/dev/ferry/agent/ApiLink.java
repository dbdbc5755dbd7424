package dev.ferry.agent;

import dev.ferry.error.FerryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's view of the API: whether it answered lately, said once when it stops answering and
 * once when it is back, and calls that wait for it. A call that fails for a reason that may pass
 * (unreachable, timeout, 5xx, 429) is tried again after a {@link Backoff} pause, for as long as it
 * takes; any other failure (a 4xx about one run) fails the call at once.
 */
final class ApiLink {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final Vertx vertx;
  private final URI api;
  private final AgentMetrics metrics;
  private volatile boolean down;
  private volatile boolean closed;
  private volatile Instant lastAnswer;

  ApiLink(Vertx vertx, URI api, AgentMetrics metrics) {
    this.vertx = vertx;
    this.api = api;
    this.metrics = metrics;
  }

  /** Calls until the API answers; fails only with an error that is not worth trying again. */
  <T> Future<T> persist(Supplier<Future<T>> call) {
    return attempt(call, new Backoff());
  }

  private <T> Future<T> attempt(Supplier<Future<T>> call, Backoff backoff) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the agent stopped"));
    }
    return call.get().transform(result -> {
      if (result.succeeded()) {
        answered();
        return Future.succeededFuture(result.result());
      }
      if (!retryable(result.cause())) {
        return Future.failedFuture(result.cause());
      }
      failed(result.cause());
      Promise<T> retried = Promise.promise();
      vertx.setTimer(backoff.next().toMillis(), id -> attempt(call, backoff).onComplete(retried));
      return retried.future();
    });
  }

  /** Records an answer from the API; says so when it had stopped answering. */
  void answered() {
    lastAnswer = Instant.now();
    if (down) {
      down = false;
      LOG.info("The API at {} answers again", api);
    }
  }

  /** Records a failed call; says once that the agent waits for the API, until it answers again. */
  void failed(Throwable error) {
    metrics.apiError();
    if (retryable(error) && !down) {
      down = true;
      LOG.warn("Waiting for the API at {}: {} (trying again, at most {} s apart; nothing is lost meanwhile)", api,
          error.getMessage(), Backoff.CAP.toSeconds());
    }
  }

  /** Ends the calls still waiting for the API, at their next try: the agent stopped and kept what they carried. */
  void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }

  /** Whether the last call to the API was answered. */
  boolean reachable() {
    return lastAnswer != null && !down;
  }

  static boolean retryable(Throwable error) {
    return error instanceof FerryException ferry && ferry.retryable();
  }
}

package dev.ferry.agent;

import dev.ferry.client.ApiException;
import dev.ferry.error.FerryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's view of the API: whether it answered lately, said once when it stops answering and
 * once when it is back, and calls that wait for it. A call that fails for a reason that may pass
 * (unreachable, timeout, 5xx, 429) is tried again after a {@link Backoff} pause, for as long as it
 * takes; any other failure (a 4xx about one run) fails the call at once. An answer that asks for a
 * pause ({@code Retry-After}, as a rate-limiting Prefect Cloud sends with 429) holds back every call
 * made through here until it is over, and is said once until the API answers after it.
 */
final class ApiLink {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final Vertx vertx;
  private final URI api;
  private final AgentMetrics metrics;
  private volatile boolean down;
  private volatile boolean slowedDown;
  private volatile boolean closed;
  private volatile Instant lastAnswer;
  private volatile Instant quietUntil = Instant.EPOCH;

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
    Duration quiet = quiet();
    if (!quiet.isZero()) {
      return later(quiet, () -> attempt(call, backoff));
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
      return later(pause(backoff), () -> attempt(call, backoff));
    });
  }

  private <T> Future<T> later(Duration pause, Supplier<Future<T>> then) {
    Promise<T> done = Promise.promise();
    vertx.setTimer(Math.max(1, pause.toMillis()), id -> then.get().onComplete(done));
    return done.future();
  }

  /**
   * Records an answer from the API; says so when it had stopped answering. An answer after the pause the API
   * asked for ends it (one to a call sent before does not).
   */
  void answered() {
    lastAnswer = Instant.now();
    if (quiet().isZero()) {
      slowedDown = false;
    }
    if (down) {
      down = false;
      LOG.info("The API at {} answers again", api);
    }
  }

  /**
   * Records a failed call; says once that the agent waits for the API, until it answers again. An
   * answer that asks for a pause starts it, said once until the API answers after a pause.
   */
  void failed(Throwable error) {
    metrics.apiError();
    Duration asked = error instanceof ApiException answer ? answer.retryAfter().orElse(null) : null;
    if (asked != null) {
      Instant until = Instant.now().plus(asked);
      if (until.isAfter(quietUntil)) {
        quietUntil = until;
      }
      if (!slowedDown) {
        slowedDown = true;
        LOG.warn("The API at {} asks ferry to slow down: {}. Waiting {} s before the next call, as its Retry-After"
            + " says (nothing is lost meanwhile)", api, error.getMessage(), asked.toMillis() / 1000.0);
      }
    } else if (retryable(error) && !down) {
      down = true;
      LOG.warn("Waiting for the API at {}: {} (trying again, at most {} s apart; nothing is lost meanwhile)", api,
          error.getMessage(), Backoff.CAP.toSeconds());
    }
  }

  /** How long the API asked to be left alone still lasts, in whole milliseconds up; zero when it did not ask. */
  Duration quiet() {
    long nanos = Duration.between(Instant.now(), quietUntil).toNanos();
    return nanos <= 0 ? Duration.ZERO : Duration.ofMillis((nanos + 999_999) / 1_000_000);
  }

  /** The pause before trying a failed call again: what the API asked for, else the next step of {@code backoff}. */
  Duration pause(Backoff backoff) {
    Duration quiet = quiet();
    return quiet.isZero() ? backoff.next() : quiet;
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

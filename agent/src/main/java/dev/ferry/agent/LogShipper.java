package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.LogRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends run log lines to the API in batches, in the order they were added. Lines may be added
 * from any thread. While the API is unreachable or failing, lines stay queued, in order, and the
 * periodic flush backs off (or waits as long as the API asked); a batch the API rejects as invalid
 * (4xx) is dropped with a warning, so one bad batch cannot hold back the rest.
 */
final class LogShipper {
  private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
  private static final int BATCH = 200;

  private final Vertx vertx;
  private final OrchestrationClient client;
  private final ApiLink link;
  private final Duration interval;
  private final Deque<LogRecord> pending = new ArrayDeque<>();
  private final Backoff backoff = new Backoff();
  private Future<Void> flushing = Future.succeededFuture();
  private long timer = -1;
  private long notBefore;

  LogShipper(Vertx vertx, OrchestrationClient client, ApiLink link, Duration interval) {
    this.vertx = vertx;
    this.client = client;
    this.link = link;
    this.interval = interval;
  }

  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> {
      if (System.nanoTime() - notBefore >= 0 && link.quiet().isZero()) {
        flush();
      }
    });
  }

  public void add(LogRecord record) {
    synchronized (pending) {
      pending.addLast(record);
    }
  }

  /** How many lines wait to be shipped. */
  int pendingLines() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** Sends everything added so far; completes when it was all delivered, fails while the API cannot take it. */
  public synchronized Future<Void> flush() {
    flushing = flushing.transform(ignored -> sendAll());
    return flushing;
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return flush();
  }

  /** Removes and returns the lines not delivered yet, in order: a stopping agent keeps them in its {@link Outbox}. */
  public List<LogRecord> takePending() {
    synchronized (pending) {
      List<LogRecord> taken = List.copyOf(pending);
      pending.clear();
      return taken;
    }
  }

  private Future<Void> sendAll() {
    List<LogRecord> batch = new ArrayList<>();
    synchronized (pending) {
      while (!pending.isEmpty() && batch.size() < BATCH) {
        batch.add(pending.pollFirst());
      }
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.createLogs(batch).compose(sent -> {
      link.answered();
      backoff.reset();
      return sendAll();
    }, error -> {
      link.failed(error);
      if (!ApiLink.retryable(error)) {
        LOG.warn("The API rejected {} log lines, which are dropped: {}", batch.size(), error.getMessage());
        return sendAll();
      }
      synchronized (pending) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          pending.addFirst(batch.get(i));
        }
      }
      notBefore = System.nanoTime() + link.pause(backoff).toNanos();
      return Future.failedFuture(error);
    });
  }
}

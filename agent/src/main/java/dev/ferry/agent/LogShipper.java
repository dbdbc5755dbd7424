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
 * from any thread; a batch the API refuses stays queued for the next flush.
 */
public final class LogShipper {
  private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
  private static final int BATCH = 200;

  private final Vertx vertx;
  private final OrchestrationClient client;
  private final Duration interval;
  private final Deque<LogRecord> pending = new ArrayDeque<>();
  private Future<Void> flushing = Future.succeededFuture();
  private long timer = -1;

  public LogShipper(Vertx vertx, OrchestrationClient client, Duration interval) {
    this.vertx = vertx;
    this.client = client;
    this.interval = interval;
  }

  public void start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> flush());
  }

  public void add(LogRecord record) {
    synchronized (pending) {
      pending.addLast(record);
    }
  }

  /** Sends everything added so far; completes when it was all delivered, fails when the API refused it. */
  public synchronized Future<Void> flush() {
    flushing = flushing.transform(ignored -> sendAll());
    return flushing;
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return flush();
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
    return client.createLogs(batch).compose(sent -> sendAll(), error -> {
      synchronized (pending) {
        for (int i = batch.size() - 1; i >= 0; i--) {
          pending.addFirst(batch.get(i));
        }
      }
      LOG.warn("Cannot ship {} log lines yet, kept for the next try: {}", batch.size(), error.getMessage());
      return Future.failedFuture(error);
    });
  }
}

package dev.ferry.server.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wakes the claims waiting on a queue when this server creates a run for it, so that a
 * long poll answers at once instead of at its next database check. Runs created by another
 * replica or process are still found by those checks. Used on the event loop only.
 */
final class QueueSignals {
  private final Vertx vertx;
  private final Map<String, List<Promise<Void>>> waiting = new HashMap<>();

  QueueSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Completes when a run arrives for one of {@code queues} or after {@code maxMillis}, whichever is first. */
  Future<Void> next(List<String> queues, long maxMillis) {
    Promise<Void> promise = Promise.promise();
    queues.forEach(queue -> waiting.computeIfAbsent(queue, q -> new ArrayList<>()).add(promise));
    long timer = vertx.setTimer(maxMillis, id -> promise.tryComplete());
    return promise.future().onComplete(ignored -> {
      vertx.cancelTimer(timer);
      for (String queue : queues) {
        List<Promise<Void>> list = waiting.get(queue);
        if (list != null) {
          list.remove(promise);
          if (list.isEmpty()) {
            waiting.remove(queue);
          }
        }
      }
    });
  }

  /** Tells the calls waiting on {@code queue} that a run arrived. */
  void arrived(String queue) {
    List<Promise<Void>> list = waiting.get(queue);
    if (list != null) {
      List.copyOf(list).forEach(Promise::tryComplete);
    }
  }
}

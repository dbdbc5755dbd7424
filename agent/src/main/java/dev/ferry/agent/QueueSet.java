package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work queues an agent polls: the ones it was given by name, created when missing (and said
 * so, once), and the ones whose names start with one of its {@code --match} prefixes, looked up
 * again on every {@link #refresh} and never created.
 */
final class QueueSet {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final OrchestrationClient client;
  private final ApiLink link;
  private final List<String> names;
  private final List<String> prefixes;
  private final Map<UUID, WorkQueue> named = new LinkedHashMap<>();
  private Map<UUID, WorkQueue> current = new LinkedHashMap<>();

  QueueSet(OrchestrationClient client, ApiLink link, List<String> names, List<String> prefixes) {
    this.client = client;
    this.link = link;
    this.names = names;
    this.prefixes = prefixes;
  }

  /** Looks the queues up again: the named ones once (waiting for the API), the matched ones every time. */
  Future<List<WorkQueue>> refresh() {
    Future<Void> resolved = named.size() == names.size() ? Future.succeededFuture() : resolveNamed();
    return resolved.compose(ignored -> prefixes.isEmpty() ? Future.succeededFuture(List.<WorkQueue>of()) : matched())
        .map(matches -> {
          Map<UUID, WorkQueue> next = new LinkedHashMap<>(named);
          for (WorkQueue queue : matches) {
            if (!current.containsKey(queue.id()) && !named.containsKey(queue.id())) {
              LOG.info("Polling work queue '{}', which matches {}", queue.name(), prefixes);
            }
            next.put(queue.id(), queue);
          }
          current = next;
          return List.copyOf(current.values());
        });
  }

  /** Forgets the named queues' ids after one was not found: the next refresh looks them up, or creates them, again. */
  void forget() {
    named.clear();
  }

  List<WorkQueue> current() {
    return List.copyOf(current.values());
  }

  /** What the agent polls, in words: names and prefixes. */
  String describe() {
    List<String> parts = new ArrayList<>(names);
    prefixes.forEach(prefix -> parts.add(prefix + "*"));
    return parts.toString();
  }

  private Future<Void> resolveNamed() {
    List<Future<WorkQueue>> found = new ArrayList<>();
    for (String name : names) {
      found.add(link.persist(() -> client.readWorkQueueByName(name).recover(error -> {
        if (error instanceof ApiException api && api.notFound()) {
          LOG.info("Work queue '{}' did not exist: created it", name);
          return client.createWorkQueue(name);
        }
        return Future.failedFuture(error);
      })));
    }
    return Future.all(found).map(all -> {
      found.forEach(queue -> named.put(queue.result().id(), queue.result()));
      return null;
    });
  }

  private Future<List<WorkQueue>> matched() {
    ObjectNode filter = OrchestrationClient.filter("work_queues", "name", "startswith_", Json.toTree(prefixes));
    return link.persist(() -> client.filterWorkQueues(filter));
  }
}

package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent that starts finds still running, on the infrastructures of its queues' deployments, for
 * flow runs that have ended: a Job whose agent was killed, say, while the server's reaper marked its run
 * CRASHED. Each is stopped as a cancel stops it (the grace period, then by force), and said in the log. The
 * runs this agent took over are left alone, and so is every run still going (another agent's); one for a
 * run the server does not know is said, not stopped. A kind of infrastructure that cannot tell what it runs
 * (a process) has nothing to sweep; one that cannot be reached now is said and left for the next start.
 */
final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final OrchestrationClient client;
  private final ApiLink link;
  private final Blocking blocking;
  private final Duration grace;
  private final RunFolders folders;

  /** Something an infrastructure runs for a run: its pid, and the infrastructure that can stop it. */
  private record Found(String pid, Infrastructure infrastructure) {}

  Leftovers(OrchestrationClient client, ApiLink link, Blocking blocking, Duration grace, Path runsRoot) {
    this.client = client;
    this.link = link;
    this.blocking = blocking;
    this.grace = grace;
    this.folders = new RunFolders(client, link, blocking, runsRoot, grace, RunFolders.SETTLED);
  }

  /**
   * Takes the run folders of ended runs but those of {@code held} ({@link RunFolders}), then stops what runs for
   * ended runs on the infrastructures of the deployments of {@code queues}; how many it stopped.
   */
  Future<Integer> sweep(List<String> queues, Set<UUID> held) {
    return sweepFolders(held).compose(ignored -> sweepInfrastructures(queues, held));
  }

  /** Takes the run folders of ended runs but those of {@code held}; a failure is said, and left to the next. */
  Future<Integer> sweepFolders(Set<UUID> held) {
    return folders.sweep(held).recover(error -> {
      LOG.warn("Cannot look for run folders left by an agent before this one: {}", error.getMessage());
      return Future.succeededFuture(0);
    });
  }

  private Future<Integer> sweepInfrastructures(List<String> queues, Set<UUID> held) {
    if (queues.isEmpty()) {
      return Future.succeededFuture(0);
    }
    ObjectNode filter = OrchestrationClient.filter("deployments", "work_queue_name", "any_", Json.toTree(queues));
    return link.persist(() -> client.filterDeployments(filter))
        .compose(this::infrastructures)
        .compose(infrastructures -> blocking.run(() -> runningOn(infrastructures)))
        .compose(found -> {
          List<Future<Boolean>> stops = new ArrayList<>();
          found.forEach((run, what) -> {
            if (!held.contains(run)) {
              stops.add(stopIfEnded(run, what));
            }
          });
          return Future.all(stops).map(all -> (int) stops.stream().filter(Future::result).count());
        });
  }

  /** The infrastructure blocks of {@code deployments} with their overrides, each pair once. */
  private Future<List<Infrastructure>> infrastructures(List<Deployment> deployments) {
    Map<String, Future<Infrastructure>> built = new LinkedHashMap<>();
    for (Deployment deployment : deployments) {
      UUID block = deployment.infrastructureDocumentId();
      ObjectNode overrides = deployment.infraOverrides();
      if (block != null) {
        built.computeIfAbsent(block + " " + overrides, key -> link.persist(() -> client.readBlockDocument(block,
            true)).compose(document -> blocking.run(() -> build(document, overrides))));
      }
    }
    return Future.all(new ArrayList<>(built.values()))
        .map(all -> built.values().stream().map(Future::result).filter(Objects::nonNull).toList());
  }

  /** The block's infrastructure; null for a process (it cannot tell what it runs) or a block that cannot be built. */
  private static Infrastructure build(BlockDocument document, ObjectNode overrides) {
    if (document.typeSlug().equals("process")) {
      return null;
    }
    try {
      return InfrastructureBlocks.create(document.typeSlug(), Overrides.apply(document.data(), overrides));
    } catch (RuntimeException e) {
      LOG.warn("Cannot look for runs left behind on {} '{}': {}", document.typeSlug(), document.name(),
          e.getMessage());
      return null;
    }
  }

  /** What each infrastructure runs, by run; blocks. */
  private static Map<UUID, Found> runningOn(List<Infrastructure> infrastructures) {
    Map<UUID, Found> found = new LinkedHashMap<>();
    for (Infrastructure infrastructure : infrastructures) {
      try {
        infrastructure.running().forEach((run, pid) -> found.putIfAbsent(run, new Found(pid, infrastructure)));
      } catch (RuntimeException e) {
        LOG.warn("Cannot look for runs left behind on {}: {}", infrastructure.type(), e.getMessage());
      }
    }
    return found;
  }

  /**
   * Stops {@code what} when its run has ended; whether it did. One labelled for a run the server does not know
   * is said and left running: it may be the run of another server's agent on the same cluster or engine.
   */
  private Future<Boolean> stopIfEnded(UUID run, Found what) {
    return link.persist(() -> client.readFlowRun(run).recover(error -> error instanceof ApiException api
            && api.notFound() ? Future.succeededFuture(null) : Future.failedFuture(error)))
        .compose(flowRun -> {
          if (flowRun == null) {
            LOG.warn("Left {} running: it is labelled for flow run {}, which this server does not know (a run of"
                + " another server's, or one deleted); stop it yourself if it is not another server's", what.pid(),
                run);
            return Future.succeededFuture(false);
          }
          return !ended(flowRun) ? Future.succeededFuture(false) : blocking.run(() -> {
            try {
              what.infrastructure().kill(what.pid(), grace);
              LOG.info("Stopped {}, left running for flow run {}, whose run ended {}", what.pid(), run,
                  flowRun.state().type());
            } catch (InfrastructureNotFound gone) {
              return false;
            }
            return true;
          });
        })
        .recover(error -> {
          LOG.warn("Cannot stop {}, left running for flow run {}: {}", what.pid(), run, error.getMessage());
          return Future.succeededFuture(false);
        });
  }

  private static boolean ended(FlowRun run) {
    return run.state() != null && run.state().isFinal();
  }
}

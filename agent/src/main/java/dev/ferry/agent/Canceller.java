package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the CANCELLING runs of the agent's queues: kills the infrastructure named by the run's
 * {@code infrastructure_pid} (a polite stop, the grace period, then a forced one) and sets
 * CANCELLED. A run with no infrastructure left to stop is CANCELLED with a message that says so;
 * infrastructure on another host or cluster is left to the agent that owns it.
 */
final class Canceller {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final OrchestrationClient client;
  private final ApiLink link;
  private final RunBlocks blocks;
  private final Blocking blocking;
  private final Duration grace;
  private final Predicate<UUID> starting;
  /** Runs being cancelled now, and cancelling runs left to the agents of other hosts (said once each). */
  private final Set<UUID> busy = new HashSet<>();
  private final Set<UUID> elsewhere = new HashSet<>();

  /**
   * {@code starting} tells the runs this agent is starting now: told to run, their infrastructure not yet
   * recorded. One of those being cancelled is left CANCELLING until its pid is, so that it is stopped then.
   */
  Canceller(OrchestrationClient client, ApiLink link, Blocking blocking, Duration grace, Predicate<UUID> starting) {
    this.client = client;
    this.link = link;
    this.blocks = new RunBlocks(client, link);
    this.blocking = blocking;
    this.grace = grace;
    this.starting = starting;
  }

  /** One look for CANCELLING runs in these queues; each found is handled on its own. */
  Future<Void> sweep(List<String> queueNames) {
    if (queueNames.isEmpty()) {
      return Future.succeededFuture();
    }
    ObjectNode filter = OrchestrationClient.filter("flow_runs", "state", "type", Json.object()
        .set("any_", Json.toTree(List.of(StateType.CANCELLING))));
    ((ObjectNode) filter.get("flow_runs")).putObject("work_queue_name").set("any_", Json.toTree(queueNames));
    return client.filterFlowRuns(filter).map(runs -> {
      link.answered();
      elsewhere.retainAll(runs.stream().map(FlowRun::id).toList());
      runs.stream().filter(run -> !busy.contains(run.id()) && !elsewhere.contains(run.id()))
          .filter(run -> run.infrastructurePid() != null || !starting.test(run.id())).forEach(this::cancel);
      return null;
    });
  }

  private void cancel(FlowRun run) {
    busy.add(run.id());
    stop(run)
        .compose(message -> link.persist(() -> client.setFlowRunState(run.id(),
            State.of(StateType.CANCELLED, message), false)))
        .onSuccess(result -> LOG.info("Flow run '{}' ({}) {}", run.name(), run.id(),
            result.accepted() ? "cancelled" : "not cancelled: " + result.reason()))
        .onFailure(error -> {
          if (error instanceof InfrastructureNotAvailable) {
            elsewhere.add(run.id());
            LOG.info("Flow run '{}' ({}) is cancelling, but {}", run.name(), run.id(), error.getMessage());
          } else {
            LOG.warn("Cannot cancel flow run '{}' ({}): {}", run.name(), run.id(), error.getMessage());
          }
        })
        .onComplete(ignored -> busy.remove(run.id()));
  }

  /** Kills the run's infrastructure; the message the CANCELLED state will carry. */
  private Future<String> stop(FlowRun run) {
    String pid = run.infrastructurePid();
    if (pid == null || run.deploymentId() == null) {
      return Future.succeededFuture("The run had no infrastructure to stop: it was cancelled before it started.");
    }
    return blocks.read(run).compose(parts -> blocking.run(() -> {
      LOG.info("Cancelling flow run '{}' ({}): stopping {} ({} s to end)", run.name(), run.id(), pid,
          grace.toSeconds());
      try {
        parts.buildInfrastructure().kill(pid, grace);
        return "Flow run was cancelled: its infrastructure " + pid + " was stopped.";
      } catch (InfrastructureNotFound gone) {
        return "Flow run was cancelled; its infrastructure " + pid + " had already ended.";
      }
    }));
  }
}

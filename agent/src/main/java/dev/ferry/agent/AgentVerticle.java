package dev.ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop: claim runs of its work queues that are due soon and hand them to the
 * {@link FlowRunSubmitter}; stop the CANCELLING ones; heartbeat the ones it holds. It never holds
 * more runs than its limit and never submits a run twice. Against a ferry server all its queues
 * are long-polled with one ferry claim at a time (the server claims a batch in one transaction,
 * serving the queues in order, and answers as soon as a run comes); against any other Prefect API
 * it polls every poll interval (drawn anew each time, so agents do not poll in step, and at once
 * again after a poll that claimed runs while slots are free) and proposes PENDING for each run, as
 * Prefect's agent does. When the API fails it backs off and says so once; when it asks for a pause
 * ({@code Retry-After}) it waits that long.
 */
final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");
  /** How often run folders left by a killed agent are looked for, after the look at start. */
  private static final Duration FOLDER_SWEEP = Duration.ofMinutes(1);

  private final OrchestrationClient client;
  private final ApiLink link;
  private final FlowRunSubmitter submitter;
  private final Canceller canceller;
  private final Leftovers leftovers;
  private final AgentMetrics metrics;
  private final AgentOptions options;
  private final QueueSet queues;
  private final Set<UUID> held = new HashSet<>();
  /** The runs a --run-once agent launched, to wait for; a long-running agent keeps none. */
  private final List<Future<StateType>> launched = new ArrayList<>();
  /** Whether the claim loop runs, and whether it waits for a free slot. */
  private boolean claiming;
  private boolean parked;
  private final Backoff pollBackoff = new Backoff();
  private final PollInterval pollInterval;
  private boolean claimProtocol;
  /** Whether the last poll of a queue failed, and the timer of the next poll. */
  private boolean pollFailing;
  private long pollTimer = -1;
  /** Set by a stop, from any thread. */
  private volatile boolean draining;
  private boolean heartbeats = true;
  private final List<Long> timers = new ArrayList<>();

  AgentVerticle(OrchestrationClient client, ApiLink link, FlowRunSubmitter submitter, Canceller canceller,
      Leftovers leftovers, AgentMetrics metrics, AgentOptions options) {
    this.client = client;
    this.link = link;
    this.submitter = submitter;
    this.canceller = canceller;
    this.leftovers = leftovers;
    this.metrics = metrics;
    this.options = options;
    this.queues = new QueueSet(client, link, options.queues(), options.matchPrefixes());
    this.pollInterval = new PollInterval(options.pollInterval());
  }

  @Override
  public Future<?> start() {
    metrics.watchEventLoop(vertx);
    Future<JsonNode> ferryInfo = ferryInfo();
    // a --run-once agent leaves the runs an agent before it left running to a long-running one
    Future<List<LeftRun>> left = options.runOnce() ? Future.succeededFuture(List.of()) : submitter.leftBehind();
    return Future.all(queues.refresh(), ferryInfo, left).map(all -> ferryInfo.result()).onSuccess(info -> {
      boolean claim = info.path("claim").asBoolean(false);
      claimProtocol = claim;
      submitter.recordLaunches(info.path("launch_records").asBoolean(false));
      left.result().forEach(this::takeOver);
      if (!options.runOnce()) {
        sweepLeftovers(left.result().stream().map(LeftRun::flowRunId).collect(Collectors.toSet()));
      }
      timers.add(vertx.setPeriodic(options.heartbeatInterval().toMillis(), id -> heartbeat()));
      if (options.runOnce()) {
        LOG.info("Agent '{}' polling work queues {} once", options.name(), queues.describe());
        return;
      }
      timers.add(vertx.setPeriodic(options.queryInterval().toMillis(), id -> sweepCancelling()));
      // a run of a killed agent ends CRASHED by the server's reaper after the agent started: its folder goes then
      timers.add(vertx.setPeriodic(FOLDER_SWEEP.toMillis(), id -> leftovers.sweepFolders(Set.copyOf(held))));
      if (!options.matchPrefixes().isEmpty()) {
        timers.add(vertx.setPeriodic(options.matchRefresh().toMillis(), id -> refreshQueues()));
      }
      if (claim) {
        LOG.info("Agent '{}' polling work queues {} (ferry claim, long poll up to {} s a call)", options.name(),
            queues.describe(), options.queryInterval().toMillis() / 1000.0);
        claimLoop();
      } else {
        LOG.info("Agent '{}' polling work queues {} every {}", options.name(), queues.describe(), pollInterval);
        poll();
      }
    });
  }

  @Override
  public Future<?> stop() {
    stopClaiming();
    vertx.cancelTimer(pollTimer);
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    return Future.succeededFuture();
  }

  /**
   * Stops claiming: runs a poll under way still brings are given back to their queue. Heartbeats
   * and cancellation go on for the runs the agent still holds.
   */
  void stopClaiming() {
    draining = true;
  }

  /** How many runs this agent holds. */
  int held() {
    return held.size();
  }

  /** Polls once, then waits for every run it launched; true when all of them completed. */
  Future<Boolean> runOnce() {
    Future<Void> polled = Future.succeededFuture();
    if (claimProtocol) {
      polled = claimOnce();
    } else {
      for (WorkQueue queue : queues.current()) {
        polled = polled.compose(ignored -> pollQueue(queue).mapEmpty());
      }
    }
    return polled.compose(ignored -> Future.join(new ArrayList<>(launched)))
        .transform(ignored -> Future.succeededFuture(launched.stream()
            .allMatch(f -> f.succeeded() && f.result() == StateType.COMPLETED)));
  }

  /** Whether the queues the agent polls answer, as {@code /ready} reports. */
  boolean ready() {
    return link.reachable() && !queues.current().isEmpty();
  }

  /**
   * What a ferry server offers beyond Prefect's API (it claims for the agent and holds a claim open until runs
   * come; it keeps what was launched for a run); nothing, from any other server.
   */
  private Future<JsonNode> ferryInfo() {
    return client.ferryInfo().recover(error -> Future.succeededFuture(Json.object()));
  }

  private void refreshQueues() {
    if (draining) {
      return;
    }
    queues.refresh().onSuccess(current -> {
      if (claimProtocol && !claiming) {
        claimLoop();
      }
    }).onFailure(error -> LOG.warn("Cannot look up the work queues matching {}: {}", options.matchPrefixes(),
        error.getMessage()));
  }

  /**
   * The claim loop: claim what the server hands out for all the queues, launch it, ask again; park
   * while no slot is free. One claim at a time, so the runs claimed never exceed the free slots.
   */
  private void claimLoop() {
    claiming = !draining && !queues.current().isEmpty();
    if (!claiming) {
      return;
    }
    if (freeSlots() <= 0) {
      parked = true;
      return;
    }
    claimOnce().onComplete(result -> {
      if (result.succeeded()) {
        claimLoop();
      } else {
        vertx.setTimer(Math.max(1, link.pause(pollBackoff).toMillis()), id -> claimLoop());
      }
    });
  }

  private Future<Void> claimOnce() {
    List<WorkQueue> polled = queues.current();
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).plus(options.prefetch());
    int ask = Math.min(freeSlots(), AgentOptions.BATCH);
    return client.claimRuns(options.name(), polled.stream().map(WorkQueue::id).toList(), ask, before,
        options.runOnce() ? Duration.ZERO : options.queryInterval())
        .map(runs -> {
          polled(runs.size());
          runs.forEach(run -> {
            if (draining) {
              giveBack(run);
            } else {
              launch(run);
            }
          });
          return (Void) null;
        })
        .onFailure(error -> claimFailed(polled, error));
  }

  /** A failed claim: a queue deleted meanwhile is looked up again (a named one is created again) before the next. */
  private void claimFailed(List<WorkQueue> polled, Throwable error) {
    if (draining) {
      return;
    }
    link.failed(error);
    if (!ApiLink.retryable(error)) {
      LOG.warn("Cannot claim runs of work queues {}: {}", polled.stream().map(WorkQueue::name).toList(),
          error.getMessage());
    }
    if (error instanceof ApiException api && api.notFound()) {
      queues.forget();
      queues.refresh();
    }
  }

  /** Polls every queue once, then sets the next poll. */
  private void poll() {
    if (draining) {
      return;
    }
    Future<Integer> claimed = Future.succeededFuture(0);
    for (WorkQueue queue : queues.current()) {
      claimed = claimed.compose(before -> pollQueue(queue).map(more -> before + more));
    }
    claimed.onComplete(result -> {
      if (!draining) {
        pollTimer = vertx.setTimer(Math.max(1, nextPoll(result.result()).toMillis()), id -> poll());
      }
    });
  }

  /**
   * The pause before the next poll: none after one that claimed runs while slots are still free, else the
   * poll interval; never shorter than the pause the API asked for, nor than the back-off while polls fail.
   */
  private Duration nextPoll(int claimed) {
    Duration pause = claimed > 0 && freeSlots() > 0 ? Duration.ZERO : pollInterval.next();
    Duration least = pollFailing ? link.pause(pollBackoff) : link.quiet();
    return pause.compareTo(least) < 0 ? least : pause;
  }

  /** Prefect's protocol: asks for at most min(free slots, batch) runs and proposes PENDING for each; how many won. */
  private Future<Integer> pollQueue(WorkQueue queue) {
    int ask = Math.min(freeSlots(), AgentOptions.BATCH);
    if (ask <= 0 || draining) {
      return Future.succeededFuture(0);
    }
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).plus(options.prefetch());
    return client.getRuns(queue.id(), ask, before).compose(runs -> {
      polled(0);
      List<Future<Boolean>> claims = runs.stream().map(this::propose).toList();
      return Future.all(claims).map(all -> (int) claims.stream().filter(Future::result).count());
    }, error -> {
      pollFailed(queue, error);
      return Future.succeededFuture(0);
    });
  }

  private Future<Boolean> propose(FlowRun run) {
    if (draining || held.contains(run.id()) || freeSlots() <= 0) {
      return Future.succeededFuture(false);
    }
    held.add(run.id());
    return client.setFlowRunState(run.id(), State.of(StateType.PENDING, null), false).map(result -> {
      if (!result.accepted()) {
        release(run.id());
        LOG.debug("Flow run '{}' ({}) was not claimed: {}", run.name(), run.id(), result.reason());
        return false;
      }
      metrics.claimed(1);
      launch(run);
      return true;
    }).recover(error -> {
      release(run.id());
      link.failed(error);
      LOG.warn("Cannot claim flow run '{}' ({}): {}", run.name(), run.id(), error.getMessage());
      return Future.succeededFuture(false);
    });
  }

  private void polled(int claimed) {
    link.answered();
    pollFailing = false;
    pollBackoff.reset();
    metrics.polled();
    metrics.claimed(claimed);
  }

  private void pollFailed(WorkQueue queue, Throwable error) {
    if (draining) {
      return;
    }
    pollFailing = true;
    link.failed(error);
    if (!ApiLink.retryable(error)) {
      LOG.warn("Cannot poll work queue '{}': {}", queue.name(), error.getMessage());
    }
  }

  /** Submits a run this agent claimed; its slot frees when the run ends. */
  private void launch(FlowRun run) {
    held.add(run.id());
    Future<StateType> done = submitter.submit(run);
    if (options.runOnce()) {
      launched.add(done);
    }
    done.onComplete(ignored -> release(run.id()));
  }

  /** Holds a run an agent before this one left running, until it ends. */
  private void takeOver(LeftRun run) {
    held.add(run.flowRunId());
    submitter.takeOver(run).onComplete(ignored -> release(run.flowRunId()));
  }

  /** Hands a run claimed during a stop back to its queue, for another agent. */
  private void giveBack(FlowRun run) {
    State scheduled = State.scheduledAt(run.expectedStartTime());
    link.persist(() -> client.setFlowRunState(run.id(), scheduled, false))
        .onSuccess(result -> LOG.info("Flow run '{}' ({}) claimed while stopping: given back to its queue", run.name(),
            run.id()))
        .onFailure(error -> LOG.warn("Cannot give back flow run '{}' ({}): {}", run.name(), run.id(),
            error.getMessage()));
  }

  private void release(UUID runId) {
    held.remove(runId);
    if (parked) {
      parked = false;
      claimLoop();
    }
  }

  /** Stops what the infrastructures of the queues' deployments still run for ended runs; the runs taken over stay. */
  private void sweepLeftovers(Set<UUID> takenOver) {
    List<String> names = queues.current().stream().map(WorkQueue::name).toList();
    leftovers.sweep(names, takenOver).onSuccess(stopped -> {
      if (stopped > 0) {
        LOG.info("Stopped {} left behind for flow runs that have ended", stopped);
      }
    }).onFailure(error -> LOG.warn("Cannot look for what was left running for ended flow runs: {}",
        error.getMessage()));
  }

  private void sweepCancelling() {
    if (!link.quiet().isZero()) {
      return;
    }
    List<String> names = queues.current().stream().map(WorkQueue::name).toList();
    canceller.sweep(names).onFailure(error -> link.failed(error));
  }

  /** Tells the server which runs this agent holds, so that only the runs of a vanished agent are reaped. */
  private void heartbeat() {
    if (!heartbeats || held.isEmpty()) {
      return;
    }
    client.heartbeat(options.name(), List.copyOf(held)).onFailure(error -> {
      if (error instanceof ApiException api && api.notFound()) {
        heartbeats = false;
        LOG.info("The API at {} takes no heartbeats (it is not a ferry server): runs lost with a dead agent stay"
            + " as they are there", client.apiUrl());
      } else {
        link.failed(error);
      }
    });
  }

  private int freeSlots() {
    return options.limit() == null ? Integer.MAX_VALUE : options.limit() - held.size();
  }
}

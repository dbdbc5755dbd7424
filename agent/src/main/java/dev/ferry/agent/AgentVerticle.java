package dev.ferry.agent;

import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop: poll each work queue for runs due soon, claim each by proposing PENDING, and
 * hand the ones it wins to the {@link FlowRunSubmitter}. It never holds more runs than its limit
 * and never submits a run twice. Against a ferry server each queue is long-polled with ferry's
 * claim (the server claims a batch in one transaction and answers as soon as a run comes);
 * against any other Prefect API it polls every query interval.
 */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final OrchestrationClient client;
  private final FlowRunSubmitter submitter;
  private final AgentOptions options;
  private final Set<UUID> held = new HashSet<>();
  /** The runs a --run-once agent launched, to wait for; a long-running agent keeps none. */
  private final List<Future<StateType>> launched = new ArrayList<>();
  private List<WorkQueue> queues = List.of();
  /** Queues whose long poll waits for a free slot. */
  private final List<WorkQueue> parked = new ArrayList<>();
  private boolean polling;
  private boolean stopped;
  private boolean heartbeats = true;
  private long timer = -1;
  private long heartbeatTimer = -1;

  public AgentVerticle(OrchestrationClient client, FlowRunSubmitter submitter, AgentOptions options) {
    this.client = client;
    this.submitter = submitter;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    return resolveQueues().compose(resolved -> {
      queues = resolved;
      return claimOffered();
    }).onSuccess(longPoll -> {
      heartbeatTimer = vertx.setPeriodic(options.heartbeatInterval().toMillis(), id -> heartbeat());
      if (options.runOnce()) {
        LOG.info("Agent polling work queues {} once", options.queues());
      } else if (longPoll) {
        LOG.info("Agent polling work queues {} (long poll, up to {} s a call)", options.queues(),
            options.queryInterval().toMillis() / 1000.0);
        queues.forEach(this::longPoll);
      } else {
        LOG.info("Agent polling work queues {} every {} s", options.queues(), options.queryInterval().toMillis() / 1000.0);
        poll();
        timer = vertx.setPeriodic(options.queryInterval().toMillis(), id -> poll());
      }
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(heartbeatTimer);
    return Future.succeededFuture();
  }

  /** Polls once, then waits for every run it launched; true when all of them completed. */
  public Future<Boolean> runOnce() {
    return pollQueues(false).compose(ignored -> Future.join(new ArrayList<>(launched)))
        .transform(ignored -> Future.succeededFuture(launched.stream()
            .allMatch(f -> f.succeeded() && f.result() == StateType.COMPLETED)));
  }

  private Future<List<WorkQueue>> resolveQueues() {
    List<Future<WorkQueue>> found = new ArrayList<>();
    for (String name : options.queues()) {
      found.add(client.readWorkQueueByName(name).recover(error -> {
        if (error instanceof ApiException api && api.notFound()) {
          LOG.info("Created work queue '{}'", name);
          return client.createWorkQueue(name);
        }
        return Future.failedFuture(error);
      }));
    }
    return Future.all(found).map(all -> found.stream().map(Future::result).toList());
  }

  /** Whether the server is a ferry server, which claims for the agent and holds a claim open until runs come. */
  private Future<Boolean> claimOffered() {
    return client.ferryInfo().map(info -> info.path("claim").asBoolean(false))
        .recover(error -> Future.succeededFuture(false));
  }

  /** One queue's long-poll loop: claim what the server hands out, launch it, ask again; park while no slot is free. */
  private void longPoll(WorkQueue queue) {
    if (stopped) {
      return;
    }
    int ask = Math.min(freeSlots(), AgentOptions.BATCH);
    if (ask <= 0) {
      parked.add(queue);
      return;
    }
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).plus(options.prefetch());
    client.claimRuns(queue.id(), ask, before, options.queryInterval())
        .onComplete(result -> {
          if (result.succeeded()) {
            result.result().forEach(this::launch);
            longPoll(queue);
          } else {
            LOG.warn("Cannot poll work queue '{}': {}", queue.name(), result.cause().getMessage());
            vertx.setTimer(options.queryInterval().toMillis(), id -> longPoll(queue));
          }
        });
  }

  private void release(UUID runId) {
    held.remove(runId);
    if (!parked.isEmpty()) {
      List<WorkQueue> waiting = List.copyOf(parked);
      parked.clear();
      waiting.forEach(this::longPoll);
    }
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    pollQueues(true).onComplete(ignored -> polling = false);
  }

  private Future<Void> pollQueues(boolean drain) {
    Future<Void> chain = Future.succeededFuture();
    for (WorkQueue queue : queues) {
      chain = chain.compose(ignored -> pollQueue(queue, drain));
    }
    return chain.recover(error -> {
      LOG.warn("Cannot poll work queues: {}", error.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Asks for at most min(free slots, batch) runs; when a full batch came back and {@code drain}, asks again. */
  private Future<Void> pollQueue(WorkQueue queue, boolean drain) {
    int ask = Math.min(freeSlots(), AgentOptions.BATCH);
    if (ask <= 0) {
      return Future.succeededFuture();
    }
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).plus(options.prefetch());
    return client.getRuns(queue.id(), ask, before).compose(runs -> {
      List<Future<Boolean>> claims = runs.stream().map(this::claim).toList();
      return Future.all(claims).compose(all -> {
        boolean wonAny = claims.stream().anyMatch(Future::result);
        return drain && wonAny && runs.size() == ask ? pollQueue(queue, true) : Future.succeededFuture();
      });
    });
  }

  private Future<Boolean> claim(FlowRun run) {
    if (stopped || held.contains(run.id()) || freeSlots() <= 0) {
      return Future.succeededFuture(false);
    }
    held.add(run.id());
    return client.setFlowRunState(run.id(), State.of(StateType.PENDING, null), false).map(result -> {
      if (!result.accepted()) {
        release(run.id());
        LOG.debug("Flow run '{}' was not claimed: {}", run.name(), result.reason());
        return false;
      }
      launch(run);
      return true;
    }).recover(error -> {
      release(run.id());
      LOG.warn("Cannot claim flow run '{}': {}", run.name(), error.getMessage());
      return Future.succeededFuture(false);
    });
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

  /** Tells the server which runs this agent holds, so that only the runs of a vanished agent are reaped. */
  private void heartbeat() {
    if (!heartbeats || held.isEmpty()) {
      return;
    }
    client.heartbeat(List.copyOf(held)).onFailure(error -> {
      if (error instanceof ApiException api && api.notFound()) {
        heartbeats = false;
        LOG.info("The API at {} takes no heartbeats (it is not a ferry server): runs lost with a dead agent stay"
            + " as they are there", client.apiUrl());
      } else {
        LOG.warn("Cannot send heartbeats for {} flow runs: {}", held.size(), error.getMessage());
      }
    });
  }

  private int freeSlots() {
    return options.limit() == null ? Integer.MAX_VALUE : options.limit() - held.size();
  }
}

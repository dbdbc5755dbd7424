package dev.ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.agent.RunPreparer.Prepared;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.Launched;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claimed (PENDING) run to its end: reads its deployment and blocks, has the run prepared
 * ({@link RunPreparer}: overrides applied, code in a fresh working directory), launches the
 * infrastructure, records the infrastructure pid, and reports what the flow itself cannot (RUNNING
 * and the final state of a custom command; CRASHED when nothing final was reported).
 */
public final class FlowRunSubmitter {
  /** The name under which the agent's own lines about a run are shipped. */
  public static final String AGENT_LOGGER = "ferry.agent";
  /** Every run's last agent line starts with this, once its output is all shipped. */
  public static final String EXIT_LINE = "Flow run infrastructure ";
  /** What the ferry launcher prints before the final state it could not report itself; the agent delivers it. */
  static final String HANDOVER = "[ferry] final state for the agent: ";

  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final Vertx vertx;
  private final OrchestrationClient client;
  private final ApiLink link;
  private final RunBlocks blocks;
  private final String apiKey;
  private boolean recordsLaunches;
  private final LogShipper logs;
  private final AgentOptions options;
  private final Blocking blocking;
  private final AgentMetrics metrics;
  /** The runs whose infrastructure this agent started and that have not ended. */
  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  /** Final states the launcher handed over because the API did not answer it. */
  private final Map<UUID, State> handedOver = new ConcurrentHashMap<>();
  /** Runs the agent stopped itself when it stopped: it reports their end. */
  private final Set<UUID> abandoned = ConcurrentHashMap.newKeySet();
  /** Runs submitted or taken over whose infrastructure has not ended: what a drain waits for. */
  private final Set<UUID> active = ConcurrentHashMap.newKeySet();
  /** The runs whose infrastructure pid is on the server. */
  private final Set<UUID> recorded = ConcurrentHashMap.newKeySet();
  private final FinalStates states;
  private final RunPreparer preparer;

  /** The Python interpreter that runs the ferry launcher, resolved to a path once the agent polls. */
  private final Future<String> python;

  FlowRunSubmitter(Vertx vertx, OrchestrationClient client, ApiLink link, FinalStates states, String apiKey,
      LogShipper logs, AgentOptions options, Blocking blocking, AgentMetrics metrics, Future<String> python) {
    this.python = python;
    this.states = states;
    this.vertx = vertx;
    this.client = client;
    this.link = link;
    this.blocks = new RunBlocks(client, link);
    this.apiKey = apiKey;
    this.logs = logs;
    this.options = options;
    this.blocking = blocking;
    this.metrics = metrics;
    this.preparer = new RunPreparer(client.apiUrl(), apiKey, options);
  }

  /** A launched run: which, on what, whether it reports its own states, and what was started. */
  private record Running(FlowRun run, Infrastructure infrastructure, boolean reportsOwnStates, Launched launched) {}

  /** Runs a claimed flow run to its end; the future holds the final state type the agent knows of. */
  public Future<StateType> submit(FlowRun run) {
    Path dir = options.runsRoot().resolve(run.id().toString());
    long claimed = System.nanoTime();
    active.add(run.id());
    return python.compose(ignored -> blocks.read(run))
        .compose(parts -> blocking.run(() -> preparer.prepare(parts, dir, python.result())))
        .compose(prepared -> prepared.spec().reportsOwnStates()
            ? launch(run, prepared, claimed) // the ferry launcher moves its run to RUNNING itself
            : proposeRunning(run).compose(result -> result.accepted() ? launch(run, prepared, claimed)
                : notStarted(run, result)))
        .recover(error -> running.containsKey(run.id()) ? lostTrack(run, error)
            : stopAndCrash(run, "Flow run could not start: " + message(error)))
        .onSuccess(metrics::finished)
        .eventually(() -> forget(run.id(), dir));
  }

  /**
   * Takes over a run an agent before this one left running ({@code --drain-timeout 0}): follows
   * its output on from where that agent stopped and reports its end as for a run it launched. A
   * run it cannot take over (its deployment or blocks are gone, say) is left to the server, which
   * marks it CRASHED once no agent heartbeats it; its folder stays.
   */
  Future<StateType> takeOver(LeftRun left) {
    UUID id = left.flowRunId();
    Path dir = options.runsRoot().resolve(id.toString());
    active.add(id);
    recorded.add(id); // by the agent that launched it
    return link.persist(() -> client.readFlowRun(id))
        .compose(run -> blocks.read(run).compose(parts -> blocking.run(() -> {
          LOG.info("Taking over flow run '{}' ({}), left running as {} by the agent before", run.name(), id,
              left.infrastructurePid());
          Infrastructure infrastructure = parts.buildInfrastructure();
          Redactor redactor = Redactor.of(apiKey, parts.infrastructure(), parts.storage());
          boolean echo = infrastructure.streamsOutput();
          Launched launched = infrastructure.reattach(left.infrastructurePid(), dir, left.leftAt(), left.outputOffset(),
              line -> output(run, redactor.redact(line), echo));
          Running taken = new Running(run, infrastructure, left.reportsOwnStates(), launched);
          running.put(id, taken);
          return taken;
        })))
        .compose(taken -> toTheEnd(taken).eventually(() -> forget(id, dir)))
        .onSuccess(metrics::finished)
        .recover(error -> {
          active.remove(id);
          recorded.remove(id);
          LOG.warn("Cannot take over flow run {} (left running as {}): {}", id, left.infrastructurePid(),
              message(error));
          return Future.succeededFuture(StateType.CRASHED);
        });
  }

  /**
   * Writes, for each run still running, what the next agent needs to take it over; the agent then
   * leaves them running ({@code --drain-timeout 0}).
   */
  Future<Void> leaveRunning() {
    return blocking.run(() -> {
      for (Running left : running.values()) {
        new LeftRun(left.run().id(), left.launched().infrastructurePid(), left.reportsOwnStates(),
            left.launched().detach(), null).write(options.runsRoot().resolve(left.run().id().toString()));
      }
      return null;
    });
  }

  /** Takes the runs agents before this one left running in this agent's runs folder. */
  Future<List<LeftRun>> leftBehind() {
    return blocking.run(() -> LeftRun.takeAll(options.runsRoot()));
  }

  /**
   * Whether the run is being started here and its infrastructure is not yet recorded on the server: a cancel
   * then waits for it, since the run may start yet.
   */
  boolean starting(UUID id) {
    return active.contains(id) && !recorded.contains(id);
  }

  /** How many runs are being started or run: a drain waits until there are none. */
  int active() {
    return active.size();
  }

  private Future<Void> forget(UUID id, Path dir) {
    active.remove(id);
    recorded.remove(id);
    running.remove(id);
    handedOver.remove(id);
    abandoned.remove(id);
    return blocking.run(() -> {
      RunFolders.delete(dir);
      return null;
    });
  }

  /**
   * Stops every run still running and marks it CRASHED with {@code reason}: what an agent does
   * with its runs when it stops before they end.
   */
  Future<Void> abandonAll(String reason) {
    List<Future<Void>> stopped = new ArrayList<>();
    for (var entry : running.entrySet()) {
      UUID id = entry.getKey();
      Running run = entry.getValue();
      abandoned.add(id);
      // done once stopped and the state decided: delivering it may wait for the API (or the outbox)
      stopped.add(blocking.run(() -> kill(run))
          .onSuccess(ignored -> states.report(id, run.run().name(), State.of(StateType.CRASHED, reason))));
    }
    return Future.join(stopped).mapEmpty();
  }

  /**
   * Proposes RUNNING for a custom command before it starts, as the ferry launcher does for a flow:
   * waits as long as the server says the run's scheduled time is ahead (a run claimed early, with
   * {@code --prefetch-seconds}), and a run cancelled meanwhile is refused and never starts.
   */
  private Future<OrchestrationResult> proposeRunning(FlowRun run) {
    return link.persist(() -> client.setFlowRunState(run.id(), State.of(StateType.RUNNING, null), false))
        .compose(result -> {
          if (result.status() != OrchestrationResult.Status.WAIT) {
            return Future.succeededFuture(result);
          }
          long delay = Math.max(1, result.details().path("delay_seconds").asLong(1));
          LOG.info("Flow run '{}' ({}) is scheduled {} s from now: it starts then", run.name(), run.id(), delay);
          Promise<OrchestrationResult> later = Promise.promise();
          vertx.setTimer(delay * 1000, id -> proposeRunning(run).onComplete(later));
          return later.future();
        });
  }

  /** A custom command the server did not let start (cancelled meanwhile, most likely): it is not launched. */
  private Future<StateType> notStarted(FlowRun run, OrchestrationResult refused) {
    LOG.info("Flow run '{}' ({}) was not started: the server refused RUNNING: {}", run.name(), run.id(),
        refused.reason());
    agentLine(run.id(), 30, "Flow run was not started: the server refused RUNNING: " + refused.reason());
    StateType now = refused.state().type();
    return link.persist(logs::flush).map(now == StateType.CANCELLING ? StateType.CANCELLED : now);
  }

  /** Starts a prepared run, records its infrastructure pid and follows it to its end. */
  private Future<StateType> launch(FlowRun run, Prepared prepared, long claimed) {
    return blocking.run(() -> start(run, prepared)).compose(started -> {
      metrics.submitted(Duration.ofNanos(System.nanoTime() - claimed));
      ObjectNode patch = Json.object().put("infrastructure_pid", started.launched().infrastructurePid());
      return link.persist(() -> client.patchFlowRun(run.id(), patch)).compose(ignored -> {
        recorded.add(run.id());
        recordLaunch(run, prepared.explained());
        return toTheEnd(started);
      });
    });
  }

  /**
   * Records on a ferry server what was launched for the run, for the dashboard's run page. Nothing waits for
   * it, and a failure is only said: the run goes on.
   */
  private void recordLaunch(FlowRun run, JsonNode explained) {
    if (recordsLaunches) {
      client.recordLaunch(run.id(), explained).onFailure(error -> LOG.warn(
          "Cannot record what was launched for flow run '{}' ({}): {}", run.name(), run.id(), message(error)));
    }
  }

  /** Whether the server keeps what was launched for a run (a ferry server does, Prefect's does not). */
  void recordLaunches(boolean offered) {
    recordsLaunches = offered;
  }

  /** Waits for a run's infrastructure to end and reports how it ended. */
  private Future<StateType> toTheEnd(Running started) {
    return Future.fromCompletionStage(started.launched().exit(), vertx.getOrCreateContext())
        .compose(exit -> finish(started.run(), started, exit));
  }

  /** Blocking: launches the run's infrastructure. */
  private Running start(FlowRun run, Prepared prepared) {
    boolean echo = prepared.infrastructure().streamsOutput();
    Launched launched = prepared.infrastructure().launch(prepared.spec(),
        line -> output(run, prepared.redactor().redact(line), echo));
    LOG.info("Flow run '{}' ({}) started as {}", run.name(), run.id(), launched.infrastructurePid());
    Running started = new Running(run, prepared.infrastructure(), prepared.spec().reportsOwnStates(), launched);
    running.put(run.id(), started);
    return started;
  }

  /**
   * Reports how the run ended, after its output: a custom command by its exit; a launcher run,
   * unless it reported a final state itself, by what it handed over, or as CRASHED. A run being
   * cancelled is left to the canceller.
   */
  private Future<StateType> finish(FlowRun run, Running started, Exit exit) {
    agentLine(run.id(), 20, EXIT_LINE + exit.description() + ".");
    LOG.info("Flow run '{}' ({}) infrastructure {}", run.name(), run.id(), exit.description());
    active.remove(run.id());
    if (abandoned.contains(run.id())) {
      return link.persist(logs::flush).map(StateType.CRASHED);
    }
    // the state to report when it is known here (a command's exit, a state the launcher handed
    // over): from now on it is kept for the outbox, while the run's last lines go out first
    State known = started.reportsOwnStates() ? handedOver.get(run.id()) : endOf(run, started, exit);
    if (known != null) {
      states.decided(run.id(), run.name(), known);
    }
    Future<Void> shipped = link.persist(logs::flush);
    if (!started.reportsOwnStates()) {
      return shipped.compose(ignored -> states.report(run.id(), run.name(), known));
    }
    return shipped.compose(ignored -> link.persist(() -> client.readFlowRun(run.id()))).compose(current -> {
      boolean ended = current.state() != null && current.state().isFinal();
      if (ended || current.stateType() == StateType.CANCELLING) {
        states.notNeeded(run.id()); // the launcher reported, or the canceller will
        return Future.succeededFuture(ended ? current.stateType() : StateType.CANCELLED);
      }
      return states.report(run.id(), run.name(), endOf(run, started, exit));
    });
  }

  /**
   * The final state the agent reports: a custom command's exit (CRASHED when its status is not
   * known), what the launcher handed over, or CRASHED.
   */
  private State endOf(FlowRun run, Running started, Exit exit) {
    if (!started.reportsOwnStates()) {
      if (!exit.known() || exit.crashed()) {
        return State.of(StateType.CRASHED, "Command " + exit.description() + ".");
      }
      return exit.succeeded() ? State.of(StateType.COMPLETED, "Command exited with code 0.")
          : State.of(StateType.FAILED, "Command " + exit.description() + ".");
    }
    State handed = handedOver.get(run.id());
    return handed != null ? handed : State.of(StateType.CRASHED,
        "Flow run process " + exit.description() + " before reporting a final state.");
  }

  /**
   * A run whose infrastructure started but whose end could not be followed or reported. When the
   * agent stopped meanwhile, what it decided for the run is in its outbox and nothing went wrong
   * with the run itself; otherwise the run is stopped and marked CRASHED.
   */
  private Future<StateType> lostTrack(FlowRun run, Throwable error) {
    if (!link.closed()) {
      return stopAndCrash(run, "Flow run infrastructure could not be followed to its end: " + message(error));
    }
    LOG.info("Flow run '{}' ({}) ended as the agent stopped: how it ended is kept for the next agent on this"
        + " FERRY_HOME", run.name(), run.id());
    return Future.failedFuture(error);
  }

  /** Stops what was started for a run that failed on the way (if anything was), then marks it CRASHED. */
  private Future<StateType> stopAndCrash(FlowRun run, String message) {
    LOG.error("Flow run '{}' ({}): {}", run.name(), run.id(), message);
    agentLine(run.id(), 40, message);
    Running started = running.get(run.id());
    Future<Void> stopped = started == null ? Future.succeededFuture() : blocking.run(() -> kill(started));
    return stopped.compose(ignored -> link.persist(logs::flush))
        .compose(ignored -> states.report(run.id(), run.name(), State.of(StateType.CRASHED, message)));
  }

  private Void kill(Running run) {
    try {
      run.infrastructure().kill(run.launched().infrastructurePid(), options.killGrace());
    } catch (InfrastructureNotFound gone) {
      // it ended on its own meanwhile
    }
    return null;
  }

  private void output(FlowRun run, String line, boolean echo) {
    if (echo) {
      LOG.info("{} | {}", run.name(), line);
    }
    if (line.startsWith(HANDOVER)) {
      try {
        handedOver.put(run.id(), Json.convert(Json.tree(line.substring(HANDOVER.length())), State.class));
      } catch (RuntimeException malformed) {
        LOG.warn("Flow run '{}' printed a final state the agent cannot read: {}", run.name(), line);
      }
    }
    logs.add(LogRecord.of(run.id(), "ferry.flow_run", 20, line, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private void agentLine(UUID runId, int level, String message) {
    logs.add(LogRecord.of(runId, AGENT_LOGGER, level, message, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}

package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.storage.SharedClients;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: its poll loop, run submitter, canceller, log shipper and health server,
 * started and stopped together.
 */
public final class Agent {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");
  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofSeconds(1);
  private static final Duration DRAIN_CHECK = Duration.ofMillis(200);
  /** How long a stopping agent waits for the API to take the final states it decided, before it keeps them. */
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);
  private static final int WORKERS = 16;

  private final Vertx vertx;
  private final AgentVerticle verticle;
  private final FlowRunSubmitter submitter;
  private final LogShipper logs;
  private final Blocking blocking;
  private final Path runsRoot;
  private final ApiLink link;
  private final FinalStates states;
  private final AgentMetrics metrics;
  private HealthServer health;
  private String deploymentId;

  private Agent(Vertx vertx, AgentVerticle verticle, FlowRunSubmitter submitter, LogShipper logs, Blocking blocking,
      Path runsRoot, ApiLink link, FinalStates states, AgentMetrics metrics) {
    this.runsRoot = runsRoot;
    this.metrics = metrics;
    this.link = link;
    this.states = states;
    this.vertx = vertx;
    this.verticle = verticle;
    this.submitter = submitter;
    this.logs = logs;
    this.blocking = blocking;
  }

  /**
   * Builds and deploys an agent on {@code vertx}; completes once its queues are known and it
   * polls (while the API is down it waits for it, saying so).
   */
  public static Future<Agent> start(Vertx vertx, OrchestrationClient client, String apiKey, AgentOptions options) {
    Blocking blocking = new Blocking(vertx, "ferry-agent", WORKERS);
    // asked once the agent polls: the question runs a process (a version manager's shim costs a few
    // hundred milliseconds of CPU) that would otherwise compete with the agent's start
    Promise<String> python = Promise.promise();
    PrometheusMetrics exported = options.health() == null ? null : new PrometheusMetrics();
    AgentMetrics metrics = exported == null ? AgentMetrics.NONE : exported;
    ApiLink link = new ApiLink(vertx, client.apiUrl(), metrics);
    LogShipper logs = new LogShipper(vertx, client, link, LOG_FLUSH_INTERVAL);
    FinalStates states = new FinalStates(client, link);
    FlowRunSubmitter submitter = new FlowRunSubmitter(vertx, client, link, states, apiKey, logs, options, blocking,
        metrics, python.future());
    Canceller canceller = new Canceller(client, link, blocking, options.killGrace(), submitter::starting);
    Leftovers leftovers = new Leftovers(client, link, blocking, options.killGrace(), options.runsRoot());
    AgentVerticle verticle = new AgentVerticle(client, link, submitter, canceller, leftovers, metrics, options);
    Agent agent = new Agent(vertx, verticle, submitter, logs, blocking, options.runsRoot(), link, states, metrics);
    metrics.holding(verticle::held, logs::pendingLines, states::pending);
    logs.start();
    Future<Void> healthUp = exported == null ? Future.succeededFuture() : HealthServer.start(vertx, options.health(),
        verticle::ready, () -> blocking.run(exported::scrape)).map(server -> {
          agent.health = server;
          LOG.info("Health on http://{}:{}/health, /ready and /metrics", options.health().getHostString(),
              server.port());
          return null;
        });
    Future<Void> ready = healthUp.compose(ignored -> agent.deliverKept());
    return ready.compose(ignored -> vertx.deployVerticle(verticle)).map(id -> {
      agent.deploymentId = id;
      blocking.run(() -> Launcher.resolve(AgentOptions.PYTHON)).onComplete(python);
      return agent;
    });
  }

  /** The port of {@code /health}, {@code /ready} and {@code /metrics}; -1 when not served. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** Polls once, waits for the runs it launched and ships their logs; true when all completed. */
  public Future<Boolean> runOnce() {
    return verticle.runOnce().compose(completed -> logs.flush().map(completed));
  }

  /**
   * Stops gracefully: stops claiming, then waits up to {@code timeout} for the runs it launched
   * to end. Runs still going then are stopped and
   * marked CRASHED with a message saying why; with a zero timeout they are left running.
   */
  public Future<Void> drain(Duration timeout) {
    verticle.stopClaiming();
    return Future.succeededFuture().compose(ignored -> {
      int running = submitter.active();
      if (running == 0 || timeout.isZero()) {
        if (running == 0) {
          return Future.succeededFuture();
        }
        LOG.info("Stopping with {} flow runs left running (--drain-timeout 0); the next agent on this FERRY_HOME"
            + " takes them over", running);
        return submitter.leaveRunning();
      }
      LOG.info("Stopping: waiting up to {} s for {} flow runs to end (a second signal stops at once)",
          timeout.toSeconds(), running);
      return whenIdle(System.nanoTime() + timeout.toNanos()).compose(idle -> idle ? Future.succeededFuture()
          : submitter.abandonAll("The agent stopped and its drain timeout of " + timeout.toSeconds()
              + " s passed before the run ended."));
    }).compose(ignored -> stop());
  }

  /**
   * Stops polling, ships the logs still queued, waits a little for the final states it decided to
   * be delivered and keeps what the API did not take in the {@link Outbox}, then closes the health
   * server; runs still going are left as they are.
   */
  public Future<Void> stop() {
    Future<Void> undeployed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    deploymentId = null;
    return undeployed.compose(ignored -> logs.stop()).recover(ignored -> Future.succeededFuture())
        .compose(ignored -> until(this::delivered, System.nanoTime() + DELIVERY_WAIT.toNanos()))
        .compose(ignored -> keepUndelivered())
        .onComplete(ignored -> link.close())
        .onComplete(ignored -> metrics.close())
        .compose(ignored -> health == null ? Future.succeededFuture() : health.close())
        .eventually(() -> blocking.run(() -> {
          SharedClients.closeAll(); // the storage SDKs' clients, made when runs first needed them
          return null;
        }))
        .eventually(() -> {
          blocking.close();
          return Future.succeededFuture();
        });
  }

  /**
   * True once no run is being started or running, false when the deadline passes first. Runs
   * whose final state waits for the API do not count: a stopping agent keeps that state.
   */
  private Future<Boolean> whenIdle(long deadline) {
    return until(() -> submitter.active() == 0, deadline);
  }

  /** True once {@code condition} holds, false when the deadline passes first. */
  private Future<Boolean> until(BooleanSupplier condition, long deadline) {
    Promise<Boolean> met = Promise.promise();
    if (condition.getAsBoolean()) {
      return Future.succeededFuture(true);
    }
    vertx.setPeriodic(DRAIN_CHECK.toMillis(), id -> {
      boolean holds = condition.getAsBoolean();
      if (holds || System.nanoTime() - deadline > 0) {
        vertx.cancelTimer(id);
        met.tryComplete(holds);
      }
    });
    return met.future();
  }

  /**
   * Whether every run that ended has its final state delivered (or found reported by the flow):
   * what a stopping agent waits a little for, then keeps the rest.
   */
  private boolean delivered() {
    return states.undelivered().isEmpty() && verticle.held() == submitter.active();
  }

  /** Delivers first what agents before this one kept in their outboxes. */
  private Future<Void> deliverKept() {
    return blocking.run(() -> Outbox.take(runsRoot)).map(kept -> {
      if (!kept.isEmpty()) {
        LOG.info("Delivering {} log lines and {} final states that an agent before this one could not",
            kept.logs().size(), kept.states().size());
        kept.logs().forEach(logs::add);
        kept.states().forEach(states::deliver);
      }
      return null;
    });
  }

  /** Keeps what the API did not take (log lines, final states) for the next agent on this FERRY_HOME. */
  private Future<Void> keepUndelivered() {
    Outbox outbox = new Outbox(logs.takePending(), states.undelivered());
    if (outbox.isEmpty()) {
      return Future.succeededFuture();
    }
    return blocking.run(() -> outbox.keep(runsRoot)).onSuccess(file -> LOG.warn("The API did not take {} log lines"
        + " and {} final states before the agent stopped: they are kept in {} for the next agent on this FERRY_HOME",
        outbox.logs().size(), outbox.states().size(), file))
        .onFailure(error -> LOG.error("Cannot keep {} log lines and {} final states the API did not take: {}",
            outbox.logs().size(), outbox.states().size(), error.getMessage()))
        .<Void>mapEmpty().recover(ignored -> Future.succeededFuture());
  }
}

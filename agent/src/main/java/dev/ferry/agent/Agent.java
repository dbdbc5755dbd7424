package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/** A running agent: its poll loop, its run submitter and its log shipper, started and stopped together. */
public final class Agent {
  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofSeconds(1);
  private static final int WORKERS = 16;

  private final Vertx vertx;
  private final AgentVerticle verticle;
  private final LogShipper logs;
  private final Blocking blocking;
  private String deploymentId;

  private Agent(Vertx vertx, AgentVerticle verticle, LogShipper logs, Blocking blocking) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.logs = logs;
    this.blocking = blocking;
  }

  /** Builds and deploys an agent on {@code vertx}; completes once its queues are known and it polls. */
  public static Future<Agent> start(Vertx vertx, OrchestrationClient client, String apiKey, AgentOptions options) {
    Blocking blocking = new Blocking(vertx, "ferry-agent", WORKERS);
    LogShipper logs = new LogShipper(vertx, client, LOG_FLUSH_INTERVAL);
    FlowRunSubmitter submitter = new FlowRunSubmitter(vertx, client, apiKey, logs, options, blocking);
    Agent agent = new Agent(vertx, new AgentVerticle(client, submitter, options), logs, blocking);
    logs.start();
    return vertx.deployVerticle(agent.verticle).map(id -> {
      agent.deploymentId = id;
      return agent;
    });
  }

  /** Polls once, waits for the runs it launched and ships their logs; true when all completed. */
  public Future<Boolean> runOnce() {
    return verticle.runOnce().compose(completed -> logs.flush().map(completed));
  }

  /** Stops polling and ships the logs still queued. */
  public Future<Void> stop() {
    Future<Void> undeployed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    return undeployed.compose(ignored -> logs.stop()).eventually(() -> {
      blocking.close();
      return Future.succeededFuture();
    });
  }
}

package dev.ferry.cli.deploy;

import dev.ferry.agent.FlowRunSubmitter;
import dev.ferry.cli.ApiSession;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Follows a flow run: prints its log lines as they arrive until it reaches a final state and,
 * when it was launched, until the agent's closing line says all output was shipped (at most 10 s).
 */
public final class RunFollower {
  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final OrchestrationClient client;
  private final PrintStream out;
  private int printed;
  private boolean agentClosed;

  public RunFollower(Vertx vertx, OrchestrationClient client, PrintStream out) {
    this.vertx = vertx;
    this.client = client;
    this.out = out;
  }

  /** Follows the run to its end and returns it in its final state. */
  public FlowRun follow(UUID runId) {
    FlowRun run = ApiSession.await(client.readFlowRun(runId));
    while (run.state() == null || !run.state().isFinal()) {
      printNewLogs(runId);
      ApiSession.await(vertx.timer(POLL.toMillis()));
      run = ApiSession.await(client.readFlowRun(runId));
    }
    printNewLogs(runId);
    Instant giveUp = Instant.now().plus(OUTPUT_GRACE);
    while (!agentClosed && launched(run) && Instant.now().isBefore(giveUp)) {
      ApiSession.await(vertx.timer(POLL.toMillis()));
      printNewLogs(runId);
    }
    return run;
  }

  /**
   * Whether the run was launched on an infrastructure, whose output may still be on its way: it
   * has a pid, or it ran (a flow reports its own states, and may end before its agent records the pid).
   */
  private static boolean launched(FlowRun run) {
    return run.infrastructurePid() != null || run.startTime() != null;
  }

  /** Prints the lines not printed yet, noting the agent's closing line when it comes. */
  public void printNewLogs(UUID runId) {
    int pageSize = 200;
    List<LogRecord> page;
    do {
      var filter = OrchestrationClient.filter("logs", "flow_run_id", "any_", Json.toTree(List.of(runId.toString())));
      filter.put("sort", "TIMESTAMP_ASC").put("offset", printed).put("limit", pageSize);
      page = ApiSession.await(client.filterLogs(filter));
      for (LogRecord log : page) {
        out.println(format(log));
        agentClosed |= FlowRunSubmitter.AGENT_LOGGER.equals(log.name())
            && log.message().startsWith(FlowRunSubmitter.EXIT_LINE);
      }
      printed += page.size();
    } while (page.size() == pageSize);
  }

  public static String format(LogRecord log) {
    return log.timestamp().toLocalTime().withNano(log.timestamp().getNano() / 1_000_000 * 1_000_000) + " "
        + level(log.level()) + " " + log.message();
  }

  private static String level(int level) {
    return level >= 40 ? "ERROR" : level >= 30 ? "WARN " : level >= 20 ? "INFO " : "DEBUG";
  }
}

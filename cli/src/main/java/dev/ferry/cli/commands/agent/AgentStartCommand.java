package dev.ferry.cli.commands.agent;

import dev.ferry.agent.Agent;
import dev.ferry.agent.AgentOptions;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.LogFormat;
import dev.ferry.cli.ShutdownSignal;
import dev.ferry.error.InvalidInputException;
import dev.ferry.settings.FerrySettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry agent start}: polls work queues and runs what it claims; in embedded mode it also
 * serves the API. Every option also comes from the environment or the profile, under the name in
 * its description.
 */
@Command(name = "start", description = "Poll work queues and run their flow runs.")
public final class AgentStartCommand extends ApiCommand {
  @Option(names = {"-q", "--work-queue"}, paramLabel = "QUEUE", split = ",", descriptionKey = "FERRY_AGENT_WORK_QUEUES",
      description = "A work queue to poll, created if missing; repeatable (FERRY_AGENT_WORK_QUEUES).")
  List<String> queues;

  @Option(names = {"-m", "--match"}, paramLabel = "PREFIX", split = ",", descriptionKey = "FERRY_AGENT_MATCH",
      description = "Also poll the queues whose names start with PREFIX, looked up every 30 s, never created;"
          + " repeatable (FERRY_AGENT_MATCH).")
  List<String> prefixes;

  @Option(names = "--limit", descriptionKey = "FERRY_AGENT_LIMIT",
      description = "The most flow runs held at once (default: no limit; FERRY_AGENT_LIMIT).")
  Integer limit;

  @Option(names = "--query-interval", paramLabel = "SECONDS", descriptionKey = "FERRY_AGENT_QUERY_INTERVAL",
      description = "Seconds between polls of a plain Prefect API, drawn up to 20% either side (default: 2), the"
          + " longest a ferry server holds a claim open and the pause between looks for cancelled runs (default: 10;"
          + " FERRY_AGENT_QUERY_INTERVAL).")
  Double queryInterval;

  @Option(names = "--prefetch-seconds", paramLabel = "SECONDS", descriptionKey = "FERRY_AGENT_PREFETCH_SECONDS",
      description = "Claim runs this many seconds before their start time (default: 10; FERRY_AGENT_PREFETCH_SECONDS).")
  Double prefetch;

  @Option(names = "--name", descriptionKey = "FERRY_AGENT_NAME",
      description = "The agent's name in its log and heartbeats (default: agent; FERRY_AGENT_NAME).")
  String name;

  @Option(names = "--health-port", paramLabel = "[HOST:]PORT", descriptionKey = "FERRY_AGENT_HEALTH_PORT",
      description = "Serve /health, /ready and /metrics here (host default 0.0.0.0; FERRY_AGENT_HEALTH_PORT).")
  String health;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", descriptionKey = "FERRY_AGENT_DRAIN_TIMEOUT",
      description = "On SIGTERM or SIGINT, wait this long for running flow runs, then stop them as CRASHED;"
          + " 0 leaves them running (default: 300; FERRY_AGENT_DRAIN_TIMEOUT). A second signal stops at once.")
  Double drainTimeout;

  @Option(names = "--log-format", paramLabel = "text|json", descriptionKey = "FERRY_AGENT_LOG_FORMAT",
      description = "text, or json for one JSON object a line (default: text; FERRY_AGENT_LOG_FORMAT).")
  LogFormat logFormat;

  @Option(names = "--code-cache-size", paramLabel = "MIB", descriptionKey = "FERRY_AGENT_CODE_CACHE_SIZE",
      description = "Keep up to this many MiB of downloaded code between runs, by content, so that unchanged files"
          + " are not downloaded again (default: 1024; 0 keeps none; FERRY_AGENT_CODE_CACHE_SIZE).")
  Long codeCacheMib;

  @Option(names = "--run-once", description = "Poll once, wait for the runs launched, exit 0 when all completed.")
  boolean runOnce;

  public AgentStartCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    if (logFormat != null) {
      logFormat.apply();
    }
    List<String> queues = this.queues == null ? List.of() : this.queues;
    List<String> prefixes = this.prefixes == null ? List.of() : this.prefixes;
    if (queues.isEmpty() && prefixes.isEmpty()) {
      throw new InvalidInputException("Give the agent a work queue with -q NAME (or FERRY_AGENT_WORK_QUEUES), or a"
          + " prefix of queue names with -m PREFIX (or FERRY_AGENT_MATCH)");
    }
    FerrySettings settings = session.settings();
    AgentOptions.Builder options = AgentOptions.of(queues, settings.home().resolve("runs")).matchPrefixes(prefixes)
        .limit(limit).runOnce(runOnce);
    if (queryInterval != null) {
      options.queryInterval(seconds(queryInterval, "--query-interval"));
    }
    if (prefetch != null) {
      options.prefetch(seconds(prefetch, "--prefetch-seconds"));
    }
    if (name != null) {
      options.name(name);
    }
    if (health != null) {
      options.health(address(health));
    }
    if (codeCacheMib != null) {
      if (codeCacheMib < 0) {
        throw new InvalidInputException("--code-cache-size " + codeCacheMib + " is negative; give MiB, 0 or more");
      }
      options.codeCacheBytes(codeCacheMib * 1024 * 1024);
    }
    Duration drain = drainTimeout == null ? Duration.ofMinutes(5) : seconds(drainTimeout, "--drain-timeout");
    options.leavesRunsRunning(drain.isZero());
    ShutdownSignal shutdown = runOnce ? null : new ShutdownSignal();
    if (settings.embedded()) {
      out().println("Embedded mode: serving the API for flow runs at " + session.client().apiUrl() + " on "
          + settings.database() + ", and the dashboard at " + session.client().apiUrl().resolve("/"));
    }
    Agent agent = ApiSession.await(Agent.start(session.vertx(), session.client(), settings.apiKey(), options.build()));
    if (runOnce) {
      try {
        return ApiSession.await(agent.runOnce()) ? 0 : 1;
      } finally {
        ApiSession.await(agent.stop());
      }
    }
    shutdown.await();
    ApiSession.await(agent.drain(drain));
    return 0;
  }

  private static Duration seconds(double seconds, String option) {
    if (seconds < 0) {
      throw new InvalidInputException(option + " " + seconds + " is negative; give a number of seconds, 0 or more");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** {@code PORT} or {@code HOST:PORT}. */
  private static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "0.0.0.0" : text.substring(0, colon);
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return InetSocketAddress.createUnresolved(host, port);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--health-port '" + text + "' is not [HOST:]PORT; use e.g. 8080 or 127.0.0.1:8080");
    }
  }
}

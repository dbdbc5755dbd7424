package dev.ferry.cli.commands.agent;

import dev.ferry.agent.Agent;
import dev.ferry.agent.AgentOptions;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ShutdownSignal;
import dev.ferry.settings.FerrySettings;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry agent start}: polls work queues and runs what it claims; in embedded mode it also serves the API. */
@Command(name = "start", description = "Poll work queues and run their flow runs.")
public final class AgentStartCommand extends ApiCommand {
  private ShutdownSignal shutdown;

  @Option(names = {"-q", "--work-queue"}, required = true, paramLabel = "QUEUE", description = "A work queue to poll; repeatable.")
  List<String> queues;

  @Option(names = "--limit", description = "The most flow runs held at once (default: no limit).")
  Integer limit;

  @Option(names = "--query-interval", paramLabel = "SECONDS", description = "Seconds between polls (default: 10).")
  Double queryInterval;

  @Option(names = "--prefetch-seconds", paramLabel = "SECONDS",
      description = "Claim runs this many seconds before their start time (default: 10).")
  Double prefetch;

  @Option(names = "--run-once", description = "Poll once, wait for the runs launched, exit 0 when all completed.")
  boolean runOnce;

  public AgentStartCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  public Integer call() throws Exception {
    shutdown = runOnce ? null : new ShutdownSignal();
    try {
      return super.call();
    } finally {
      if (shutdown != null) {
        shutdown.cleanedUp();
      }
    }
  }

  @Override
  protected int run(ApiSession session) {
    FerrySettings settings = session.settings();
    AgentOptions options = new AgentOptions(queues, limit,
        queryInterval == null ? AgentOptions.DEFAULT_QUERY_INTERVAL : seconds(queryInterval),
        prefetch == null ? AgentOptions.DEFAULT_PREFETCH : seconds(prefetch), runOnce, settings.home().resolve("runs"),
        AgentOptions.DEFAULT_PYTHON, AgentOptions.DEFAULT_HEARTBEAT_INTERVAL);
    if (settings.embedded()) {
      out().println("Embedded mode: serving the API for flow runs at " + session.client().apiUrl() + " on "
          + settings.database());
    }
    Agent agent = ApiSession.await(Agent.start(session.vertx(), session.client(), settings.apiKey(), options));
    try {
      if (runOnce) {
        return ApiSession.await(agent.runOnce()) ? 0 : 1;
      }
      shutdown.await();
      return 0;
    } finally {
      ApiSession.await(agent.stop());
    }
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}

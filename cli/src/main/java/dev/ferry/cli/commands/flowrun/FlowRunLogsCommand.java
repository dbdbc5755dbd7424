package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.RunFollower;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run logs}: every log line of a flow run, oldest first. */
@Command(name = "logs", description = "Print the logs of a flow run.")
public final class FlowRunLogsCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunLogsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      ApiSession.await(session.client().readFlowRun(id));
      new RunFollower(session.vertx(), session.client(), environment.out()).printNewLogs(id);
    }
    return 0;
  }
}

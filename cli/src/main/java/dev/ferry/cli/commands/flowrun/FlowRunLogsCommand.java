package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.RunFollower;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run logs}: every log line of a flow run, oldest first. */
@Command(name = "logs", description = "Print the logs of a flow run.")
public final class FlowRunLogsCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunLogsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    ApiSession.await(session.client().readFlowRun(id));
    new RunFollower(session.vertx(), session.client(), out()).printNewLogs(id);
    return 0;
  }
}

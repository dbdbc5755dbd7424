package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.RunFollower;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run logs}: every log line of a flow run, oldest first. */
@Command(name = "logs", description = "Print the logs of a flow run.")
public final class FlowRunLogsCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the run ends.")
  boolean follow;

  public FlowRunLogsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    ApiSession.await(session.client().readFlowRun(id));
    RunFollower follower = new RunFollower(session.vertx(), session.client(), out());
    if (follow) {
      follower.follow(id);
    } else {
      follower.printNewLogs(id);
    }
    return 0;
  }
}

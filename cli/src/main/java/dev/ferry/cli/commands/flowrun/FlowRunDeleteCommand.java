package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run delete}: removes a flow run, its states and logs. */
@Command(name = "delete", description = "Delete a flow run.")
public final class FlowRunDeleteCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunDeleteCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    ApiSession.await(session.client().deleteFlowRun(id));
    out().println("Deleted flow run " + id + ".");
    return 0;
  }
}

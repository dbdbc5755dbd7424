package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry flow-run inspect}: a flow run as JSON. */
@Command(name = "inspect", description = "Show a flow run as JSON.")
public final class FlowRunInspectCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunInspectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var run = ApiSession.await(session.client().readFlowRun(id));
    printJson(run);
    return 0;
  }
}

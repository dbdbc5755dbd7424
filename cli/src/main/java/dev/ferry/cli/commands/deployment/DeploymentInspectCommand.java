package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment inspect}: a deployment as JSON. */
@Command(name = "inspect", description = "Show a deployment as JSON.")
public final class DeploymentInspectCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  public DeploymentInspectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var found = DeploymentRef.read(session.client(), deployment);
    printJson(found);
    return 0;
  }
}

package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.model.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment delete}: removes a deployment and the runs its schedule planned. */
@Command(name = "delete", description = "Delete a deployment; runs it already started are kept.")
public final class DeploymentDeleteCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  public DeploymentDeleteCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    Deployment target = DeploymentRef.read(session.client(), deployment);
    ApiSession.await(session.client().deleteDeployment(target.id()));
    out().println("Deleted deployment '" + deployment + "' (" + target.id() + ").");
    return 0;
  }
}

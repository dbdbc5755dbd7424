package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.cli.deploy.LaunchExplanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry deployment inspect}: a deployment as JSON or, with {@code --explain}, what an agent
 * would launch for its next run, as {@code ferry flow-run explain} prints it for a run.
 */
@Command(name = "inspect", description = "Show a deployment as JSON, or what an agent would launch for its next run.")
public final class DeploymentInspectCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  @Option(names = "--explain", description = "Show what an agent would launch for a run of it (process, container,"
      + " Job), with secrets masked; the run id shown is all zeros.")
  boolean explain;

  public DeploymentInspectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var found = DeploymentRef.read(session.client(), deployment);
    if (explain) {
      out().print(LaunchExplanation.ofNextRun(session, found));
    } else {
      printJson(found);
    }
    return 0;
  }
}

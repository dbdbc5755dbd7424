package dev.ferry.cli.commands.flowrun;

import static dev.ferry.cli.ApiSession.await;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.LaunchExplanation;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.FlowRun;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry flow-run explain}: what an agent on this machine would launch for a run, decided as
 * the agent decides it (blocks read with their secrets, the deployment's overrides applied), printed
 * as YAML with the secrets masked: a process's argv and environment, a container's create request.
 */
@Command(name = "explain", description = "Show what the agent launches for a flow run (process, container...), "
    + "with secrets masked.")
public final class FlowRunExplainCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunExplainCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    OrchestrationClient client = session.client();
    FlowRun run = await(client.readFlowRun(id));
    if (run.deploymentId() == null) {
      throw new InvalidInputException("Flow run " + id + " has no deployment: agents run only deployments' runs,"
          + " so nothing would be launched for it");
    }
    out().print(LaunchExplanation.of(session, run, await(client.readDeployment(run.deploymentId()))));
    return 0;
  }
}

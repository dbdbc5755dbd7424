package dev.ferry.cli.commands.flowrun;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.FlowRun;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry flow-run cancel}: a run that has not been claimed is CANCELLED at once; a claimed
 * or running one is set CANCELLING, and the agent that holds it stops its infrastructure.
 */
@Command(name = "cancel", description = "Cancel a flow run.")
public final class FlowRunCancelCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  UUID id;

  public FlowRunCancelCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    FlowRun run = ApiSession.await(session.client().readFlowRun(id));
    if (run.state() != null && run.state().isFinal()) {
      throw new InvalidInputException("Flow run '" + run.name() + "' already ended in state " + run.stateName());
    }
    StateType target = run.stateType() == StateType.SCHEDULED ? StateType.CANCELLED : StateType.CANCELLING;
    OrchestrationResult result = ApiSession.await(session.client().setFlowRunState(id,
        State.of(target, "Cancelled from the command line."), false));
    if (!result.accepted()) {
      throw new InvalidInputException("The server did not cancel flow run '" + run.name() + "': " + result.reason());
    }
    out().println("Flow run '" + run.name() + "' is " + target.displayName()
        + (target == StateType.CANCELLING ? "; the agent holding it stops its infrastructure." : "."));
    return 0;
  }
}

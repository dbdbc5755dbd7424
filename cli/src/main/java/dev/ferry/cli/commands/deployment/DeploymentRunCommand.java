package dev.ferry.cli.commands.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.KeyValues;
import dev.ferry.cli.deploy.RunFollower;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment run}: schedules a run of a deployment now, and optionally follows it. */
@Command(name = "run", description = "Start a run of a deployment.")
public final class DeploymentRunCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A flow parameter for this run; repeatable.")
  List<String> params = new ArrayList<>();

  @Option(names = "--params", paramLabel = "JSON", description = "Flow parameters for this run as a JSON object.")
  String paramsJson;

  @Option(names = "--watch", description = "Follow the run, print its logs, exit non-zero unless it completed.")
  boolean watch;

  public DeploymentRunCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    ObjectNode parameters = KeyValues.parameters(paramsJson, params);
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      Deployment target = DeploymentRef.read(session.client(), deployment);
      ObjectNode body = Json.object();
      body.set("parameters", parameters);
      body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC))));
      FlowRun run = ApiSession.await(session.client().createFlowRun(target.id(), body));
      environment.out().println("Created flow run '" + run.name() + "' (" + run.id() + ") on work queue '"
          + run.workQueueName() + "'.");
      if (!watch) {
        return 0;
      }
      FlowRun done = new RunFollower(session.vertx(), session.client(), environment.out()).follow(run.id());
      environment.out().println("Flow run '" + done.name() + "' finished in state " + done.state().name()
          + (done.state().message() == null ? "" : ": " + done.state().message()));
      return done.stateType() == StateType.COMPLETED ? 0 : 1;
    }
  }
}

package dev.ferry.cli.commands.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.cli.deploy.DeploymentRuns;
import dev.ferry.cli.deploy.KeyValues;
import dev.ferry.cli.deploy.StartTime;
import dev.ferry.error.InvalidInputException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.ferry.cli.deploy.RunFollower;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment run}: schedules a run of a deployment now, and optionally follows it. */
@Command(name = "run", description = "Start a run of a deployment.")
public final class DeploymentRunCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A flow parameter for this run; repeatable.")
  List<String> params = new ArrayList<>();

  @Option(names = "--params", paramLabel = "JSON", description = "Flow parameters for this run as a JSON object.")
  String paramsJson;

  @Option(names = "--start-in", paramLabel = "DURATION", description = "Start after a while, e.g. '10 minutes'.")
  String startIn;

  @Option(names = "--start-at", paramLabel = "TIME", description = "Start at a time, e.g. 2026-12-01T09:00 (local).")
  String startAt;

  @Option(names = "--watch", description = "Follow the run, print its logs, exit non-zero unless it completed.")
  boolean watch;

  public DeploymentRunCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    ObjectNode parameters = KeyValues.parameters(paramsJson, params);
    Deployment target = DeploymentRef.read(session.client(), deployment);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (startIn != null && startAt != null) {
      throw new InvalidInputException("Give --start-in or --start-at, not both");
    }
    OffsetDateTime start = startIn != null ? StartTime.in(startIn, now)
        : startAt != null ? StartTime.at(startAt, ZoneId.systemDefault()) : now;
    FlowRun run = DeploymentRuns.start(session.client(), target.id(), parameters, start);
    out().println("Created flow run '" + run.name() + "' (" + run.id() + ") on work queue '" + run.workQueueName() + "'"
        + (start == now ? "." : ", to start at " + start + "."));
    if (!watch) {
      return 0;
    }
    FlowRun done = new RunFollower(session.vertx(), session.client(), out()).follow(run.id());
    out().println(DeploymentRuns.describeEnd(done));
    return done.stateType() == StateType.COMPLETED ? 0 : 1;
  }
}

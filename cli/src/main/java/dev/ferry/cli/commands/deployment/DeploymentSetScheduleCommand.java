package dev.ferry.cli.commands.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.cli.ScheduleOptions;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment set-schedule}: replaces a deployment's schedule; the runs the old one planned are dropped. */
@Command(name = "set-schedule", description = "Give a deployment a new schedule (--cron, --interval or --rrule).")
public final class DeploymentSetScheduleCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  @Mixin ScheduleOptions schedule;

  public DeploymentSetScheduleCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    ObjectNode newSchedule = schedule.schedule();
    if (newSchedule == null) {
      throw new InvalidInputException("Give the new schedule with --cron, --interval or --rrule");
    }
    Deployment target = DeploymentRef.read(session.client(), deployment);
    ObjectNode patch = Json.object();
    patch.set("schedule", newSchedule);
    ApiSession.await(session.client().patchDeployment(target.id(), patch));
    ApiSession.await(session.client().scheduleRuns(target.id()));
    out().println("Deployment '" + deployment + "' now runs on " + newSchedule + ".");
    return 0;
  }
}

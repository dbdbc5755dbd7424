package dev.ferry.cli.commands.deployment;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.model.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry deployment pause-schedule | resume-schedule}: turns a deployment's schedule off or on. */
public abstract class DeploymentScheduleSwitch extends ApiCommand {
  @Parameters(index = "0", paramLabel = "FLOW/DEPLOYMENT")
  String deployment;

  private final boolean active;

  DeploymentScheduleSwitch(CliEnvironment environment, boolean active) {
    super(environment);
    this.active = active;
  }

  @Override
  protected int run(ApiSession session) {
    Deployment target = DeploymentRef.read(session.client(), deployment);
    ApiSession.await(session.client().setScheduleActive(target.id(), active));
    if (active) {
      ApiSession.await(session.client().scheduleRuns(target.id()));
    }
    out().println("Schedule of deployment '" + deployment + "' " + (active ? "resumed." : "paused; its planned runs are removed."));
    return 0;
  }

  /** {@code pause-schedule}. */
  @Command(name = "pause-schedule", description = "Stop a deployment's schedule and remove the runs it planned.")
  public static final class Pause extends DeploymentScheduleSwitch {
    public Pause(CliEnvironment environment) {
      super(environment, false);
    }
  }

  /** {@code resume-schedule}. */
  @Command(name = "resume-schedule", description = "Start a deployment's schedule again.")
  public static final class Resume extends DeploymentScheduleSwitch {
    public Resume(CliEnvironment environment) {
      super(environment, true);
    }
  }
}

package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.json.Json;
import picocli.CommandLine.Command;

/** {@code ferry work-queue pause | resume NAME}: a paused queue hands out no runs. */
public abstract class WorkQueuePauseSwitch extends WorkQueueVerb {
  private final boolean paused;

  WorkQueuePauseSwitch(CliEnvironment environment, boolean paused) {
    super(environment);
    this.paused = paused;
  }

  @Override
  protected int run(ApiSession session) {
    var queue = queue(session);
    ApiSession.await(session.client().patchWorkQueue(queue.id(), Json.object().put("is_paused", paused)));
    out().println("Work queue '" + name + "' " + (paused ? "paused: agents get no runs from it." : "resumed."));
    return 0;
  }

  /** {@code pause}. */
  @Command(name = "pause", description = "Stop handing out runs of a work queue.")
  public static final class Pause extends WorkQueuePauseSwitch {
    public Pause(CliEnvironment environment) {
      super(environment, true);
    }
  }

  /** {@code resume}. */
  @Command(name = "resume", description = "Hand out runs of a paused work queue again.")
  public static final class Resume extends WorkQueuePauseSwitch {
    public Resume(CliEnvironment environment) {
      super(environment, false);
    }
  }
}

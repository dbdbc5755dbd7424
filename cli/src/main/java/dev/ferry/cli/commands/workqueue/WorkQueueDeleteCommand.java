package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import picocli.CommandLine.Command;

/** {@code ferry work-queue delete NAME}. */
@Command(name = "delete", description = "Delete a work queue.")
public final class WorkQueueDeleteCommand extends WorkQueueVerb {
  public WorkQueueDeleteCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    var queue = queue(session);
    ApiSession.await(session.client().deleteWorkQueue(queue.id()));
    out().println("Deleted work queue '" + name + "'.");
    return 0;
  }
}

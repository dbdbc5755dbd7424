package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.json.Json;
import picocli.CommandLine.Command;

/** {@code ferry work-queue inspect NAME}: the queue and its health as JSON. */
@Command(name = "inspect", description = "Show a work queue and its health as JSON.")
public final class WorkQueueInspectCommand extends WorkQueueVerb {
  public WorkQueueInspectCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var queue = queue(session);
    var shown = (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(queue);
    shown.set("status", ApiSession.await(session.client().readWorkQueueStatus(queue.id())));
    printJson(shown);
    return 0;
  }
}

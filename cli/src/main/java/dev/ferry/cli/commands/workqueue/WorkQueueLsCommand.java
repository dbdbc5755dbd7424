package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import dev.ferry.json.Json;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry work-queue ls}. */
@Command(name = "ls", description = "List work queues.")
public final class WorkQueueLsCommand extends ApiCommand {
  @Mixin OutputOptions output;

  public WorkQueueLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var queues = ApiSession.await(session.client().filterWorkQueues(Json.object()));
    printList(output, queues, List.of("NAME", "ID", "PAUSED", "CONCURRENCY LIMIT", "LAST POLLED"),
        q -> List.of(q.name(), q.id().toString(), q.isPaused() ? "yes" : "no",
            q.concurrencyLimit() == null ? "none" : q.concurrencyLimit().toString(), String.valueOf(q.lastPolled())));
    return 0;
  }
}

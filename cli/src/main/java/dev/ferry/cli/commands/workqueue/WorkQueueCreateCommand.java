package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.client.ApiException;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry work-queue create NAME [--limit N]}. */
@Command(name = "create", description = "Create a work queue.")
public final class WorkQueueCreateCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-l", "--limit"}, description = "The most runs of this queue that may be PENDING or RUNNING at once.")
  Integer limit;

  @Option(names = {"-d", "--description"}, description = "What the queue is for.")
  String description;

  public WorkQueueCreateCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) {
    var body = Json.object().put("name", name).put("description", description == null ? "" : description);
    body.put("concurrency_limit", limit);
    WorkQueue queue = ApiSession.await(session.client().createWorkQueue(body).recover(error ->
        error instanceof ApiException api && api.status() == 409
            ? Future.failedFuture(new InvalidInputException("Work queue '" + name + "' already exists; see it with"
                + " 'ferry work-queue inspect " + name + "'"))
            : Future.failedFuture(error)));
    out().println("Created work queue '" + queue.name() + "' (" + queue.id() + ")"
        + (limit == null ? "." : " with a concurrency limit of " + limit + "."));
    return 0;
  }
}

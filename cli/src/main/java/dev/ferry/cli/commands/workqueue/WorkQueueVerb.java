package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.client.ApiException;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import picocli.CommandLine.Parameters;

/** A work-queue command about one queue, named by its first parameter. */
abstract class WorkQueueVerb extends ApiCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  WorkQueueVerb(CliEnvironment environment) {
    super(environment);
  }

  /** The named queue; a missing one is an error that says how to list them. */
  WorkQueue queue(ApiSession session) {
    return ApiSession.await(session.client().readWorkQueueByName(name).recover(error ->
        error instanceof ApiException api && api.notFound()
            ? Future.failedFuture(new InvalidInputException("Work queue '" + name
                + "' does not exist; list work queues with 'ferry work-queue ls'"))
            : Future.failedFuture(error)));
  }
}

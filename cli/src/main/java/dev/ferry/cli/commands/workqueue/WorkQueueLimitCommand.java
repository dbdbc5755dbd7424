package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry work-queue set-concurrency-limit NAME N | clear-concurrency-limit NAME}. */
public abstract class WorkQueueLimitCommand extends WorkQueueVerb {
  WorkQueueLimitCommand(CliEnvironment environment) {
    super(environment);
  }

  /** The new limit; null for none. */
  abstract Integer limit();

  @Override
  protected int run(ApiSession session) {
    var queue = queue(session);
    var patch = Json.object();
    patch.put("concurrency_limit", limit());
    ApiSession.await(session.client().patchWorkQueue(queue.id(), patch));
    out().println("Work queue '" + name + "' " + (limit() == null ? "has no concurrency limit."
        : "holds at most " + limit() + " PENDING or RUNNING runs."));
    return 0;
  }

  /** {@code set-concurrency-limit}. */
  @Command(name = "set-concurrency-limit", description = "Limit how many runs of a queue may be PENDING or RUNNING.")
  public static final class Set extends WorkQueueLimitCommand {
    @Parameters(index = "1", paramLabel = "LIMIT")
    int value;

    public Set(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Integer limit() {
      return value;
    }
  }

  /** {@code clear-concurrency-limit}. */
  @Command(name = "clear-concurrency-limit", description = "Remove a queue's concurrency limit.")
  public static final class Clear extends WorkQueueLimitCommand {
    public Clear(CliEnvironment environment) {
      super(environment);
    }

    @Override
    Integer limit() {
      return null;
    }
  }
}

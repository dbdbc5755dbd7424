package dev.ferry.cli.commands.workqueue;

import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry work-queue preview NAME [--hours H]}: the runs an agent would get in the next hours. */
@Command(name = "preview", description = "Show the runs a work queue would hand out in the next hours.")
public final class WorkQueuePreviewCommand extends WorkQueueVerb {
  @Mixin OutputOptions output;

  @Option(names = "--hours", defaultValue = "1", description = "How far ahead to look (default: ${DEFAULT-VALUE}).")
  double hours;

  public WorkQueuePreviewCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    var queue = queue(session);
    var before = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(Math.round(hours * 3600));
    var runs = ApiSession.await(session.client().getRuns(queue.id(), 200, before));
    printList(output, runs, List.of("NAME", "ID", "STATE", "EXPECTED START"),
        r -> List.of(r.name(), r.id().toString(), r.stateName(), String.valueOf(r.expectedStartTime())));
    return 0;
  }
}

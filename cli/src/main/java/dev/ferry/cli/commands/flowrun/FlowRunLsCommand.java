package dev.ferry.cli.commands.flowrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.Tables;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry flow-run ls}: the latest flow runs as a table. */
@Command(name = "ls", description = "List flow runs, the latest first.")
public final class FlowRunLsCommand extends ApiCommand {
  @Option(names = "--state", paramLabel = "TYPE", description = "Only runs in this state type: ${COMPLETION-CANDIDATES}")
  StateType state;

  @Option(names = "--limit", description = "At most this many runs (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  public FlowRunLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    ObjectNode filter = state == null ? Json.object()
        : OrchestrationClient.filter("flow_runs", "state", "type", Json.object().set("any_", Json.toTree(List.of(state))));
    filter.put("sort", "EXPECTED_START_TIME_DESC").put("limit", limit);
    List<FlowRun> runs = ApiSession.await(session.client().filterFlowRuns(filter));
    Tables.print(out(), List.of("NAME", "ID", "STATE", "WORK QUEUE", "EXPECTED START"), runs.stream()
        .map(r -> List.of(r.name(), r.id().toString(), r.stateName() == null ? "-" : r.stateName(),
            String.valueOf(r.workQueueName()), String.valueOf(r.expectedStartTime())))
        .toList());
    return 0;
  }
}

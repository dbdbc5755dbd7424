package dev.ferry.cli.commands.flowrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiOptions;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.Tables;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry flow-run ls}: the latest flow runs as a table. */
@Command(name = "ls", description = "List flow runs, the latest first.")
public final class FlowRunLsCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  @Mixin ApiOptions api;

  @Option(names = "--state", paramLabel = "TYPE", description = "Only runs in this state type: ${COMPLETION-CANDIDATES}")
  StateType state;

  @Option(names = "--limit", description = "At most this many runs (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  public FlowRunLsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    ObjectNode filter = state == null ? Json.object()
        : OrchestrationClient.filter("flow_runs", "state", "type", Json.object().set("any_", Json.toTree(List.of(state))));
    filter.put("sort", "EXPECTED_START_TIME_DESC").put("limit", limit);
    try (ApiSession session = ApiSession.open(environment.settings(api.apiUrl()))) {
      List<FlowRun> runs = ApiSession.await(session.client().filterFlowRuns(filter));
      Tables.print(environment.out(), List.of("NAME", "ID", "STATE", "WORK QUEUE", "EXPECTED START"), runs.stream()
          .map(r -> List.of(r.name(), r.id().toString(), r.stateName() == null ? "-" : r.stateName(),
              String.valueOf(r.workQueueName()), String.valueOf(r.expectedStartTime())))
          .toList());
    }
    return 0;
  }
}

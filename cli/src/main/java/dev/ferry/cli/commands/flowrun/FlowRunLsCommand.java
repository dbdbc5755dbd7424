package dev.ferry.cli.commands.flowrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiCommand;
import dev.ferry.cli.ApiSession;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.OutputOptions;
import dev.ferry.cli.deploy.DeploymentRef;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry flow-run ls}: the latest flow runs as a table. */
@Command(name = "ls", description = "List flow runs, the latest first.")
public final class FlowRunLsCommand extends ApiCommand {
  @Mixin OutputOptions output;

  @Option(names = "--state", paramLabel = "TYPE", description = "Only runs in this state type: ${COMPLETION-CANDIDATES}")
  StateType state;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only runs with this tag; repeatable (all must match).")
  List<String> tags;

  @Option(names = "--deployment", paramLabel = "FLOW/DEPLOYMENT", description = "Only runs of this deployment.")
  String deployment;

  @Option(names = "--limit", description = "At most this many runs (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  public FlowRunLsCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected int run(ApiSession session) throws Exception {
    ObjectNode filter = Json.object();
    ObjectNode runFilter = filter.putObject("flow_runs");
    if (state != null) {
      runFilter.putObject("state").putObject("type").set("any_", Json.toTree(List.of(state)));
    }
    if (tags != null) {
      runFilter.putObject("tags").set("all_", Json.toTree(tags));
    }
    if (deployment != null) {
      UUID id = DeploymentRef.read(session.client(), deployment).id();
      runFilter.putObject("deployment_id").set("any_", Json.toTree(List.of(id)));
    }
    filter.put("sort", "EXPECTED_START_TIME_DESC").put("limit", limit);
    List<FlowRun> runs = ApiSession.await(session.client().filterFlowRuns(filter));
    printList(output, runs, List.of("NAME", "ID", "STATE", "WORK QUEUE", "EXPECTED START"),
        r -> List.of(r.name(), r.id().toString(), r.stateName() == null ? "-" : r.stateName(),
            String.valueOf(r.workQueueName()), String.valueOf(r.expectedStartTime())));
    return 0;
  }
}

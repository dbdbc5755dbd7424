package dev.ferry.bench;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a soak checks once its runs ended: that every run of its deployments is in the final state its kind ends in
 * (any other is a lost final state), and that each loud run's lines read back from the API, paged as
 * {@code ferry flow-run logs} reads them, are all there once: lines missing, and lines there more than once (the
 * same text in records of their own).
 */
final class EndChecks {
  private static final int PAGE = 200;
  private static final int EXAMPLES = 5;

  /**
   * The counts: runs found, lost final states (with a few described), loud runs read, their lines missing and
   * duplicated, and records a later page repeated (the paging's doing, not the agent's).
   */
  record Result(int runs, int lost, List<String> lostExamples, int loudRuns, long linesMissing,
      long linesDuplicated, long pagesRepeated) {}

  private final OrchestrationClient client;
  private final Map<UUID, RunKind> kinds = new HashMap<>();
  private final Map<RunKind, Deployment> deployments;

  EndChecks(OrchestrationClient client, Map<RunKind, Deployment> deployments) {
    this.client = client;
    this.deployments = deployments;
    deployments.forEach((kind, deployment) -> kinds.put(deployment.id(), kind));
  }

  Result run() {
    List<FlowRun> runs = allRuns();
    List<String> examples = new ArrayList<>();
    int lost = 0;
    int loud = 0;
    long missing = 0;
    long duplicated = 0;
    long repeated = 0;
    for (FlowRun run : runs) {
      RunKind kind = kinds.get(run.deploymentId());
      if (run.stateType() != kind.end) {
        lost++;
        if (examples.size() < EXAMPLES) {
          examples.add(run.id() + " (" + kind.deploymentName() + ") is " + run.stateType() + ", not " + kind.end
              + (run.state() == null || run.state().message() == null ? "" : ": " + run.state().message()));
        }
      }
      if (kind == RunKind.LOUD) {
        Lines lines = lines(run.id());
        loud++;
        missing += lines.missing();
        duplicated += lines.duplicated();
        repeated += lines.repeated();
      }
    }
    return new Result(runs.size(), lost, examples, loud, missing, duplicated, repeated);
  }

  /** Every run of the soak's deployments, in pages sorted by id (a stable order). */
  private List<FlowRun> allRuns() {
    List<FlowRun> runs = new ArrayList<>();
    List<FlowRun> page;
    do {
      var filter = BenchDeployments.runsOf(deployments.values());
      filter.put("sort", "ID_DESC").put("offset", runs.size()).put("limit", PAGE);
      page = await(client.filterFlowRuns(filter));
      runs.addAll(page);
    } while (page.size() == PAGE);
    return runs;
  }

  /** What a loud run's lines read back as. */
  private record Lines(long missing, long duplicated, long repeated) {}

  private Lines lines(UUID run) {
    Pattern numbered = Pattern.compile(Pattern.quote(run.toString()) + " line (\\d+)");
    BitSet numbers = new BitSet();
    Set<String> texts = new HashSet<>();
    Set<UUID> records = new HashSet<>();
    long duplicated = 0;
    long repeated = 0;
    int offset = 0;
    List<LogRecord> page;
    do {
      var filter = OrchestrationClient.filter("logs", "flow_run_id", "any_", Json.toTree(List.of(run.toString())));
      filter.put("sort", "TIMESTAMP_ASC").put("offset", offset).put("limit", PAGE);
      page = await(client.filterLogs(filter));
      offset += page.size();
      for (LogRecord record : page) {
        Matcher line = numbered.matcher(record.message());
        if (!records.add(record.id())) {
          repeated++;
        } else if (line.matches()) {
          numbers.set(Integer.parseInt(line.group(1)));
          duplicated += texts.add(record.message()) ? 0 : 1;
        }
      }
    } while (page.size() == PAGE);
    long present = numbers.get(1, RunKind.LOUD_LINES + 1).cardinality();
    return new Lines(RunKind.LOUD_LINES - present, duplicated, repeated);
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

package dev.ferry.infrastructure.docker;

import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.RunContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on every run's container: Prefect's keys for the run, its deployment and its flow (as
 * Prefect writes them for Docker), then the block's labels, which may change those, then ferry's
 * version under ferry's own prefix, by which ferry finds its containers ({@link Retention}), and
 * whether the runner removes the container at its end.
 */
final class RunLabels {
  static final String FLOW_RUN_ID = "io.prefect.flow-run-id";
  static final String FLOW_RUN_NAME = "io.prefect.flow-run-name";
  static final String DEPLOYMENT_NAME = "io.prefect.deployment-name";
  static final String FLOW_NAME = "io.prefect.flow-name";
  static final String VERSION = "dev.ferry.version";
  /** On the container of a block with {@code auto_remove}: the runner removes it once it has ended. */
  static final String AUTO_REMOVE = "dev.ferry.auto-remove";

  private RunLabels() {}

  static Map<String, String> of(RunContext run, Map<String, String> blockLabels, boolean autoRemove) {
    Map<String, String> labels = new LinkedHashMap<>();
    putIfSet(labels, FLOW_RUN_ID, run.flowRunId() == null ? null : run.flowRunId().toString());
    putIfSet(labels, FLOW_RUN_NAME, run.runName());
    putIfSet(labels, DEPLOYMENT_NAME, run.deploymentName());
    putIfSet(labels, FLOW_NAME, run.flowName());
    blockLabels.forEach((key, value) -> putIfSet(labels, key, value));
    labels.put(VERSION, InfrastructureBlocks.ferryVersion());
    if (autoRemove) {
      labels.put(AUTO_REMOVE, "true");
    }
    return labels;
  }

  private static void putIfSet(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, value);
    }
  }
}

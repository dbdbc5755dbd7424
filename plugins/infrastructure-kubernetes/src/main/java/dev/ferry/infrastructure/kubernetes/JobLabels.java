package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.RunContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on every run's Job and its pod: Prefect's keys for the run, its deployment and its flow, then
 * the block's labels, which may change those, then ferry's version under ferry's own prefix. Keys and values
 * are slugged as Prefect slugs them, so that a run's name with spaces still makes a label Kubernetes takes.
 */
final class JobLabels {
  static final String FLOW_RUN_ID = "prefect.io/flow-run-id";
  static final String FLOW_RUN_NAME = "prefect.io/flow-run-name";
  static final String DEPLOYMENT_NAME = "prefect.io/deployment-name";
  static final String FLOW_NAME = "prefect.io/flow-name";
  static final String VERSION = "dev.ferry.version";

  private JobLabels() {}

  static Map<String, String> of(RunContext run, Map<String, String> blockLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    putIfSet(labels, FLOW_RUN_ID, run.flowRunId() == null ? null : run.flowRunId().toString());
    putIfSet(labels, FLOW_RUN_NAME, run.runName());
    putIfSet(labels, DEPLOYMENT_NAME, run.deploymentName());
    putIfSet(labels, FLOW_NAME, run.flowName());
    blockLabels.forEach((key, value) -> putIfSet(labels, Slug.labelKey(key), value));
    labels.put(VERSION, InfrastructureBlocks.ferryVersion());
    return labels;
  }

  private static void putIfSet(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, Slug.labelValue(value));
    }
  }
}

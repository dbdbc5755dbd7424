package dev.ferry.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The labels on what a runner starts for a flow run (a container; a Job and its pod): Prefect's keys for the
 * run, its deployment and its flow, under the prefix Prefect's block of that kind writes them with, then the
 * block's labels, which may change those, then ferry's version under ferry's own key, by which ferry finds
 * what it started. Each kind spells keys and values as its platform takes them.
 */
public final class RunLabels {
  /** Ferry's version, on everything ferry starts for a run. */
  public static final String VERSION = "dev.ferry.version";
  private final String prefix;
  private final UnaryOperator<String> key;
  private final UnaryOperator<String> value;

  /** Prefect's keys start with {@code prefix}; the block's label keys go through {@code key}, values {@code value}. */
  public RunLabels(String prefix, UnaryOperator<String> key, UnaryOperator<String> value) {
    this.prefix = prefix;
    this.key = key;
    this.value = value;
  }

  /** The key of the flow run's id. */
  public String flowRunId() {
    return prefix + "flow-run-id";
  }

  /** The flow run whose id {@code labels} carry; null when they carry none. */
  public UUID runOf(Map<String, String> labels) {
    try {
      return labels == null || labels.get(flowRunId()) == null ? null : UUID.fromString(labels.get(flowRunId()));
    } catch (IllegalArgumentException notARunId) {
      return null;
    }
  }

  /** The labels of {@code run}'s container or Job, in order; a map the caller may add to. */
  public Map<String, String> of(RunContext run, Map<String, String> blockLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    putIfSet(labels, flowRunId(), run.flowRunId() == null ? null : run.flowRunId().toString());
    putIfSet(labels, prefix + "flow-run-name", run.runName());
    putIfSet(labels, prefix + "deployment-name", run.deploymentName());
    putIfSet(labels, prefix + "flow-name", run.flowName());
    blockLabels.forEach((name, text) -> putIfSet(labels, key.apply(name), text));
    labels.put(VERSION, InfrastructureBlocks.ferryVersion());
    return labels;
  }

  private void putIfSet(Map<String, String> labels, String name, String text) {
    if (text != null) {
      labels.put(name, value.apply(text));
    }
  }
}

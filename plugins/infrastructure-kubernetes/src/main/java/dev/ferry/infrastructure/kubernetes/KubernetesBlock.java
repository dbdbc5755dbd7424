package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.infrastructure.BlockData;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prefect's {@code kubernetes-job} block, its fields read and checked: a value of the wrong type or one
 * Kubernetes would refuse is an error naming the field and the fix before anything is sent to a cluster.
 *
 * @param image the flow container's image; null: the base job's, or Prefect's image when it has none
 * @param namespace the Job's namespace; the base job's, or {@code default}, when the block has none
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}; null: Kubernetes decides
 * @param clusterConfig the cluster to use; null: the agent's own (in the cluster, or its kubeconfig)
 * @param job the base Job manifest the block's fields go into; null (or empty in the data): Prefect's
 * @param customizations a JSON Patch (RFC 6902) applied to the Job after the block's fields
 * @param jobWatchTimeout how long a run may take in all; null: no deadline
 * @param podWatchTimeout how long the run's pod may take to start
 * @param finishedJobTtl seconds Kubernetes keeps a finished Job; null: until it is deleted
 * @param env set in the flow container on top of the run's environment; a null value leaves a variable out
 * @param name the Job's name, before it is made one Kubernetes accepts; null: the run's name
 * @param command the flow container's arguments; empty: the ferry launcher, run by the image's python3
 */
record KubernetesBlock(String image, String namespace, String serviceAccountName, String imagePullPolicy,
    ClusterConfig clusterConfig, ObjectNode job, ArrayNode customizations, Duration jobWatchTimeout,
    Duration podWatchTimeout, boolean streamOutput, Integer finishedJobTtl, Map<String, String> env,
    Map<String, String> labels, String name, List<String> command) {
  static final String TYPE = "kubernetes-job";
  /** Prefect's own image for the Prefect version whose API ferry speaks, as for the docker-container block. */
  static final String DEFAULT_IMAGE = "prefecthq/prefect:2.7.12-python3.10";
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
  private static final List<String> PATCH_OPS = List.of("add", "remove", "replace", "move", "copy", "test");

  /** Reads its data; what each field takes, for the message about a value of the wrong type. */
  private static final BlockData DATA = new BlockData(TYPE, Map.ofEntries(
      Map.entry("env", "a JSON object of strings"), Map.entry("labels", "a JSON object of strings"),
      Map.entry("command", "a JSON list of strings"), Map.entry("stream_output", "true or false"),
      Map.entry("job", "a Job manifest as a JSON object"),
      Map.entry("job_watch_timeout_seconds", "a whole number of seconds"),
      Map.entry("pod_watch_timeout_seconds", "a whole number of seconds"),
      Map.entry("finished_job_ttl", "a whole number of seconds"),
      Map.entry("cluster_config", "a kubernetes-cluster-config block (config, context_name)")));

  /** The block document's fields, as its data spells them. */
  record Fields(String image, String namespace, String serviceAccountName, String imagePullPolicy,
      ClusterConfig clusterConfig, ObjectNode job, JsonNode customizations, Integer jobWatchTimeoutSeconds,
      Integer podWatchTimeoutSeconds, Boolean streamOutput, Integer finishedJobTtl, Map<String, String> env,
      Map<String, String> labels, String name, List<String> command) {}

  /**
   * The fields of the {@code kubernetes-cluster-config} block in {@code cluster_config}.
   *
   * @param config a kubeconfig, as a JSON object
   * @param contextName the kubeconfig's context to use; null: its current context
   */
  record ClusterConfig(ObjectNode config, String contextName) {
    @Override
    public String toString() {
      return "ClusterConfig[" + contextName + "]"; // the kubeconfig's credentials stay out of every message
    }
  }

  /** The block of a document's data (with the deployment's overrides applied). */
  static KubernetesBlock fromData(ObjectNode data) {
    Fields fields = DATA.read(data, Fields.class);
    List<String> command = DATA.command(fields.command());
    String pullPolicy = blankToNull(fields.imagePullPolicy());
    if (pullPolicy != null && !PULL_POLICIES.contains(pullPolicy)) {
      throw invalid("image_pull_policy", "is '" + pullPolicy + "'", "use Always, IfNotPresent or Never");
    }
    ClusterConfig cluster = fields.clusterConfig();
    if (cluster != null && (cluster.config() == null || cluster.config().isEmpty())) {
      throw invalid("cluster_config", "has no config", "save the kubernetes-cluster-config block with a kubeconfig");
    }
    return new KubernetesBlock(blankToNull(fields.image()), blankToNull(fields.namespace()),
        blankToNull(fields.serviceAccountName()), pullPolicy, cluster,
        fields.job() == null || fields.job().isEmpty() ? null : fields.job(), // empty: as a block saved bare has it
        customizations(fields.customizations()), seconds("job_watch_timeout_seconds", fields.jobWatchTimeoutSeconds()),
        seconds("pod_watch_timeout_seconds", fields.podWatchTimeoutSeconds() == null ? 60
            : fields.podWatchTimeoutSeconds()),
        !Boolean.FALSE.equals(fields.streamOutput()), nonNegative("finished_job_ttl", fields.finishedJobTtl()),
        fields.env() == null ? Map.of() : new LinkedHashMap<>(fields.env()),
        fields.labels() == null ? Map.of() : new LinkedHashMap<>(fields.labels()), blankToNull(fields.name()),
        command);
  }

  /** {@code "Field 'F' of block type 'kubernetes-job' FINDING; FIX"}. */
  static InfrastructureException invalid(String field, String finding, String fix) {
    return new InfrastructureException("Field '" + field + "' of block type '" + TYPE + "' " + finding + "; " + fix);
  }

  /** Prefect stores the patch as a list; a JSON string of one (as a deployment's override gives it) reads too. */
  private static ArrayNode customizations(JsonNode value) {
    JsonNode patch = value;
    if (value != null && value.isTextual()) {
      try {
        patch = value.asText().isBlank() ? null : Json.tree(value.asText());
      } catch (InvalidInputException e) {
        throw invalid("customizations", "is a string that is not JSON",
            "give a JSON Patch: a list of {\"op\", \"path\", \"value\"} objects");
      }
    }
    if (patch == null || patch.isNull()) {
      return Json.MAPPER.createArrayNode();
    }
    if (!patch.isArray()) {
      throw invalid("customizations", "is not a list", "give a JSON Patch: a list of {\"op\", \"path\", \"value\"}"
          + " objects");
    }
    for (int i = 0; i < patch.size(); i++) {
      JsonNode op = patch.get(i);
      String name = op.path("op").asText("");
      if (!PATCH_OPS.contains(name) || !op.path("path").isTextual()) {
        throw invalid("customizations", "has " + op + " at [" + i + "], which is not a JSON Patch operation",
            "give each an op (" + String.join(", ", PATCH_OPS) + ") and a path such as"
                + " /spec/template/spec/nodeSelector");
      }
    }
    return (ArrayNode) patch;
  }

  private static Duration seconds(String field, Integer seconds) {
    Integer checked = nonNegative(field, seconds);
    return checked == null ? null : Duration.ofSeconds(checked);
  }

  private static Integer nonNegative(String field, Integer seconds) {
    if (seconds != null && seconds < 0) {
      throw invalid(field, "is " + seconds, "give a number of seconds, 0 or more, or leave it empty");
    }
    return seconds;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

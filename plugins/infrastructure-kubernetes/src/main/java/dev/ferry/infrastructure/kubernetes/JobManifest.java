package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.infrastructure.RunLabels;
import dev.ferry.json.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Job a run becomes, built as Prefect builds it: the base job (the block's, or Prefect's minimal one),
 * then the block's fields (namespace, image, pull policy, service account, labels, name, command, TTL, env),
 * then ferry's code delivery ({@link CodeDelivery}), then the block's {@link Customizations}; last, the run's
 * environment is set again in the flow container, so a customization that replaces its env keeps the run's
 * id and API. The result is checked for what Kubernetes would refuse.
 *
 * @param job the Job, as the API takes it
 * @param argv the flow container's arguments
 * @param env the run's environment with the block's on top, as set in the flow container
 * @param workingDir the flow container's working folder; null: the image's own
 * @param usesDefaultCommand whether argv is the ferry launcher
 */
record JobManifest(ObjectNode job, List<String> argv, Map<String, String> env, String workingDir,
    boolean usesDefaultCommand) {
  static final List<String> DEFAULT_COMMAND = List.of("python3", CodeDelivery.RUN_FOLDER + "/.ferry/launcher.py");
  /**
   * The labels of a run's Job and its pod, with Prefect's keys for Kubernetes; keys and values slugged as Prefect
   * slugs them, so that a run's name with spaces still makes a label Kubernetes takes.
   */
  static final RunLabels LABELS = new RunLabels("prefect.io/", Slug::labelKey, Slug::labelValue);
  private static final Set<String> RESTART_POLICIES = Set.of("Never", "OnFailure");
  private static final String GENERATED_NAME = "prefect-job";

  /** The Job for {@code run}; {@code agentEnv} is the agent's environment (for {@link CodeDelivery#FERRY_IMAGE}). */
  static JobManifest of(KubernetesBlock block, RunContext run, Map<String, String> agentEnv) {
    boolean defaultCommand = block.command().isEmpty();
    List<String> argv = defaultCommand ? DEFAULT_COMMAND : block.command();
    Map<String, String> env = run.envWith(block.env());
    CodeDelivery code = new CodeDelivery(run, defaultCommand);
    ObjectNode job = block.job() == null ? base() : block.job().deepCopy();
    try {
      ObjectNode metadata = job.withObjectProperty("metadata");
      ObjectNode podSpec = job.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec");
      ObjectNode container = FlowContainer.of(podSpec);
      metadata.put("namespace", namespace(block));
      if (block.image() != null || !container.hasNonNull("image")) {
        container.put("image", block.image() != null ? block.image() : KubernetesBlock.DEFAULT_IMAGE);
      }
      putIfSet(container, "imagePullPolicy", block.imagePullPolicy());
      putIfSet(podSpec, "serviceAccountName", block.serviceAccountName());
      if (block.finishedJobTtl() != null) {
        job.withObjectProperty("spec").put("ttlSecondsAfterFinished", block.finishedJobTtl());
      }
      Map<String, String> labels = LABELS.of(run, block.labels());
      labels.forEach(metadata.withObjectProperty("labels")::put);
      labels.forEach(job.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("metadata")
          .withObjectProperty("labels")::put);
      if (!metadata.hasNonNull("name")) {
        String slug = Slug.jobName(block.name() != null ? block.name() : String.valueOf(run.runName()));
        metadata.put("generateName", (slug.isEmpty() ? GENERATED_NAME : slug) + "-");
      }
      container.set("args", Json.toTree(argv));
      putIfSet(container, "workingDir", code.workingDir());
      FlowContainer.setEnv(container, env);
      code.addTo(podSpec, container, env, agentEnv);
    } catch (UnsupportedOperationException | IllegalArgumentException notAnObject) {
      throw KubernetesBlock.invalid("job", "is not a Job manifest (" + notAnObject.getMessage() + ")",
          "give a batch/v1 Job as a JSON object, or leave it empty for Prefect's base job");
    }
    ObjectNode patched = Customizations.apply(job, block.customizations());
    FlowContainer.setEnv(FlowContainer.of(podSpec(patched)), env);
    check(patched);
    return new JobManifest(patched, argv, Collections.unmodifiableMap(env), code.workingDir(), defaultCommand);
  }

  /** The namespace the Job is created in. */
  String namespace() {
    return job.path("metadata").path("namespace").asText();
  }

  /** The name of the container that runs the flow. */
  String flowContainer() {
    return FlowContainer.of(podSpec(job)).path("name").asText();
  }

  /**
   * Prefect's minimal Job: one container named {@code prefect-job} that is not restarted; a failed pod is not
   * run again either ({@code backoffLimit} 0), since retrying a flow run is Prefect's business, not the Job's.
   */
  static ObjectNode base() {
    ObjectNode job = Json.object().put("apiVersion", "batch/v1").put("kind", "Job");
    job.putObject("metadata").putObject("labels");
    ObjectNode spec = job.putObject("spec").put("parallelism", 1).put("completions", 1).put("backoffLimit", 0);
    ObjectNode podSpec = spec.putObject("template").putObject("spec").put("restartPolicy", "Never");
    podSpec.putArray("containers").addObject().put("name", FlowContainer.NAME).putArray("env");
    return job;
  }

  /** The namespace of the block's Jobs: its namespace field, or its base job's, or {@code default}. */
  static String namespace(KubernetesBlock block) {
    if (block.namespace() != null) {
      return block.namespace();
    }
    String own = block.job() == null ? "" : block.job().path("metadata").path("namespace").asText("");
    return own.isBlank() ? "default" : own;
  }

  private static ObjectNode podSpec(ObjectNode job) {
    JsonNode podSpec = job.path("spec").path("template").path("spec");
    if (!podSpec.isObject()) {
      throw invalidJob("has no pod spec at /spec/template/spec", "keep one in the base job and customizations");
    }
    return (ObjectNode) podSpec;
  }

  /** What Kubernetes would refuse, said before the Job is sent. */
  private static void check(ObjectNode job) {
    if (!"batch/v1".equals(job.path("apiVersion").asText()) || !"Job".equals(job.path("kind").asText())) {
      throw invalidJob("is a " + job.path("apiVersion").asText("?") + " " + job.path("kind").asText("?"),
          "give a batch/v1 Job");
    }
    String restart = podSpec(job).path("restartPolicy").asText("");
    if (!RESTART_POLICIES.contains(restart)) {
      throw invalidJob("has restartPolicy '" + restart + "', which a Job does not take",
          "set /spec/template/spec/restartPolicy to Never or OnFailure");
    }
    String name = job.path("metadata").path("name").asText("");
    if (!name.isEmpty() && !Slug.validJobName(name)) {
      throw invalidJob("is named '" + name + "'", "name it with at most " + Slug.MAX_LENGTH + " lower-case letters,"
          + " digits and dashes, starting and ending with a letter or digit");
    }
    checkLabels(job.path("metadata").path("labels"), "/metadata/labels");
    checkLabels(job.path("spec").path("template").path("metadata").path("labels"),
        "/spec/template/metadata/labels");
  }

  private static void checkLabels(JsonNode labels, String where) {
    labels.properties().forEach(label -> {
      if (!label.getValue().isTextual() || !Slug.validLabelValue(label.getValue().asText())) {
        throw invalidJob("has label " + label.getKey() + " = " + label.getValue() + " at " + where,
            "give it a value of at most " + Slug.MAX_LENGTH + " letters, digits, '-', '_' or '.'");
      }
    });
  }

  private static InfrastructureException invalidJob(String finding, String fix) {
    return new InfrastructureException("The Job of block type '" + KubernetesBlock.TYPE + "' " + finding + "; "
        + fix);
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

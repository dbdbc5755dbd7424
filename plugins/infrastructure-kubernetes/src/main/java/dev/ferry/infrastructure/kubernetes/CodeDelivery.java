package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.RunContext;
import java.util.List;
import java.util.Map;

/**
 * How a run's code and the ferry launcher reach its pod, which shares no disk with the agent: an init
 * container {@value #INIT_CONTAINER} of the ferry image pulls them from the API (the deployment's storage
 * block, and the launcher) into an emptyDir volume mounted at {@value #RUN_FOLDER} in it and in the flow
 * container. Not needed when the code is in the flow's image and the block has a command of its own.
 */
final class CodeDelivery {
  static final String RUN_FOLDER = "/opt/ferry/run";
  static final String INIT_CONTAINER = "ferry-code";
  static final String VOLUME = "ferry-run";
  /** The agent's variable naming the ferry image (what {@code ferry kubernetes manifest agent} sets). */
  static final String FERRY_IMAGE = "FERRY_IMAGE";
  /** The run's variables the init container needs to reach the API. */
  private static final List<String> API_ENV = List.of("PREFECT_API_URL", "PREFECT_API_KEY");

  private final RunContext run;
  private final boolean defaultCommand;

  CodeDelivery(RunContext run, boolean defaultCommand) {
    this.run = run;
    this.defaultCommand = defaultCommand;
  }

  /** Whether the pod needs the init container: the code is in storage, or the launcher is the command. */
  boolean needed() {
    return run.imageCodePath() == null || defaultCommand;
  }

  /** The flow container's working folder; null: the image's own. */
  String workingDir() {
    if (run.imageCodePath() == null) {
      return RUN_FOLDER;
    }
    return run.imageCodePath().isEmpty() ? null : run.imageCodePath();
  }

  /**
   * Adds the init container, the volume and its mount in {@code flowContainer} to {@code podSpec}, when
   * {@link #needed}; {@code env} is the run's environment, {@code agentEnv} the agent's.
   */
  void addTo(ObjectNode podSpec, ObjectNode flowContainer, Map<String, String> env, Map<String, String> agentEnv) {
    if (!needed()) {
      return;
    }
    String image = agentEnv.get(FERRY_IMAGE);
    if (image == null || image.isBlank()) {
      throw new InfrastructureException("A " + KubernetesBlock.TYPE + " run whose code "
          + (run.imageCodePath() == null ? "comes from a storage block" : "runs with the ferry launcher")
          + " needs the ferry image for its init container " + INIT_CONTAINER + ", and the agent's environment"
          + " variable " + FERRY_IMAGE + " is not set; set it to the image of the agent's ferry"
          + " ('ferry kubernetes manifest agent' writes an agent that has it)");
    }
    ObjectNode init = podSpec.withArrayProperty("initContainers").addObject()
        .put("name", INIT_CONTAINER).put("image", image);
    ArrayNode args = init.putArray("args").add("storage").add("pull").add("--flow-run-id")
        .add(String.valueOf(run.flowRunId())).add("--dest").add(RUN_FOLDER);
    if (defaultCommand) {
      args.add("--launcher");
    }
    if (run.imageCodePath() != null) {
      args.add("--no-code");
    }
    ArrayNode initEnv = init.putArray("env");
    API_ENV.stream().filter(name -> env.get(name) != null)
        .forEach(name -> initEnv.addObject().put("name", name).put("value", env.get(name)));
    mount(init);
    mount(flowContainer);
    podSpec.withArrayProperty("volumes").addObject().put("name", VOLUME).putObject("emptyDir");
  }

  private static void mount(ObjectNode container) {
    container.withArrayProperty("volumeMounts").addObject().put("name", VOLUME).put("mountPath", RUN_FOLDER);
  }
}

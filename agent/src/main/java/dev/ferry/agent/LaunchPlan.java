package dev.ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import dev.ferry.json.Yaml;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.storage.DeploymentCode;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent launches for a run, decided before anything starts: the infrastructure built from
 * the run's blocks with the deployment's overrides, and the run's context as every infrastructure
 * receives it (the launch environment of the contract, the launcher, where the code is). The agent
 * makes one for each run; {@code ferry flow-run explain} makes the same one to print it.
 */
public record LaunchPlan(RunParts parts, Infrastructure infrastructure, RunContext context) {
  /**
   * The plan for a run whose folder is {@code dir}, its launcher run by {@code python}, against the
   * API at {@code apiUrl} (with {@code apiKey}, or null). Builds the infrastructure: blocks for a
   * plugin's first use.
   */
  public static LaunchPlan of(RunParts parts, URI apiUrl, String apiKey, Path dir, String python) {
    FlowRun run = parts.run();
    Deployment deployment = parts.deployment();
    Infrastructure infrastructure = parts.buildInfrastructure();
    // a deployment without storage on a container has its code in the image: only the launcher goes in
    boolean codeInImage = parts.storage() == null && infrastructure.codeWithoutStorageIsInImage();
    Map<String, String> env = new HashMap<>();
    env.put("PREFECT_API_URL", apiUrl.toString());
    if (apiKey != null) {
      env.put("PREFECT_API_KEY", apiKey);
    }
    env.put("PREFECT__FLOW_RUN_ID", run.id().toString());
    env.put("FERRY_FLOW_ENTRYPOINT", deployment.entrypoint() == null ? "" : deployment.entrypoint());
    env.put("FERRY_FLOW_PARAMETERS", Json.write(run.parameters()));
    env.put("PYTHONUNBUFFERED", "1");
    Path launcher = Launcher.file(dir);
    RunContext context = new RunContext(run.id(), run.name(), parts.flow().name(), deployment.name(), dir, env,
        List.of(python, launcher.toString()), launcher, codeInImage ? imagePath(deployment) : null);
    return new LaunchPlan(parts, infrastructure, context);
  }

  /** Where a deployment's code is in its image: its path, or "" for the image's own working folder. */
  private static String imagePath(Deployment deployment) {
    return deployment.path() == null ? "" : deployment.path();
  }

  /** Whether the run's code is in its image, so that only the launcher goes into its folder. */
  public boolean codeInImage() {
    return context.imageCodePath() != null;
  }

  /** {@link #explained} as YAML, for a person at a terminal. */
  public String explain(String apiKey) {
    return Yaml.write(explained(apiKey));
  }

  /**
   * The plan for a person: the run, where its code comes from, and what the infrastructure would start, in its
   * own terms; the API key and the blocks' secret fields masked. The agent records it on the run for the
   * dashboard; {@code explain} prints it.
   */
  public JsonNode explained(String apiKey) {
    Map<String, Object> explained = new LinkedHashMap<>();
    explained.put("flow_run", parts.run().name() + " (" + parts.run().id() + ")");
    explained.put("deployment", parts.flow().name() + "/" + parts.deployment().name());
    explained.put("infrastructure", parts.infrastructureType());
    LaunchSpec spec = infrastructure.prepare(context);
    explained.put("code", codeInImage() ? "in the image, at " + context.imageCodePath()
        : DeploymentCode.url(parts.storage(), parts.deployment().path()) + " -> " + (infrastructure.takesCodeFromAgent()
            ? context.workingDir() : spec.workingDir() + ", pulled by the run itself"));
    explained.put("launch", infrastructure.describe(spec));
    Redactor redactor = Redactor.of(apiKey, parts.infrastructure(), parts.storage());
    return redactor.redact(Json.MAPPER.valueToTree(explained));
  }
}

package dev.ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.storage.DeploymentCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies a claimed run for its launch, on a worker thread: builds its infrastructure with the
 * deployment's overrides and, for one that takes them from the agent, puts the run's code and the
 * launcher into a fresh run folder.
 */
final class RunPreparer {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final URI apiUrl;
  private final String apiKey;
  private final AgentOptions options;

  RunPreparer(URI apiUrl, String apiKey, AgentOptions options) {
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
    this.options = options;
  }

  /** A run ready to launch: its infrastructure, what it launches, and that, explained for a person (redacted). */
  record Prepared(Infrastructure infrastructure, LaunchSpec spec, Redactor redactor, JsonNode explained) {}

  /** Blocking: prepares the run of {@code parts} in the folder {@code dir}, its launcher run by {@code python}. */
  Prepared prepare(RunParts parts, Path dir, String python) throws IOException {
    FlowRun run = parts.run();
    Deployment deployment = parts.deployment();
    LOG.info("Launching flow run '{}' ({}) of deployment '{}/{}' on {}", run.name(), run.id(), parts.flow().name(),
        deployment.name(), parts.infrastructureType());
    LaunchPlan plan = LaunchPlan.of(parts, apiUrl, apiKey, dir, python);
    RunFolders.delete(dir);
    Files.createDirectories(dir);
    if (plan.infrastructure().takesCodeFromAgent()) {
      if (!plan.codeInImage()) {
        DeploymentCode.download(parts.storage(), deployment.path(), dir, options.codeCache());
      }
      Launcher.install(dir);
    }
    LaunchSpec spec = plan.infrastructure().prepare(plan.context());
    return new Prepared(plan.infrastructure(),
        options.leavesRunsRunning() ? plan.infrastructure().keepingExitStatus(spec) : spec,
        Redactor.of(apiKey, parts.infrastructure(), parts.storage()), plan.explained(apiKey));
  }
}

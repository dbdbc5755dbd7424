package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.FerryException;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.LocalTree;
import dev.ferry.storage.StorageBlocks;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claimed (PENDING) run to its end: reads its deployment and blocks, applies the
 * overrides, downloads the code into a fresh working directory, launches the infrastructure,
 * records the infrastructure pid, and reports what the flow itself cannot (RUNNING and the final
 * state of a custom command; CRASHED when nothing final was reported).
 */
public final class FlowRunSubmitter {
  /** The name under which the agent's own lines about a run are shipped. */
  public static final String AGENT_LOGGER = "ferry.agent";
  /** Every run's last agent line starts with this, once its output is all shipped. */
  public static final String EXIT_LINE = "Flow run infrastructure ";

  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  private final Vertx vertx;
  private final OrchestrationClient client;
  private final String apiKey;
  private final LogShipper logs;
  private final AgentOptions options;
  private final Blocking blocking;

  public FlowRunSubmitter(Vertx vertx, OrchestrationClient client, String apiKey, LogShipper logs, AgentOptions options,
      Blocking blocking) {
    this.vertx = vertx;
    this.client = client;
    this.apiKey = apiKey;
    this.logs = logs;
    this.options = options;
    this.blocking = blocking;
  }

  /** The deployment, flow and blocks a run needs, read before anything is launched. */
  private record Prepared(FlowRun run, Deployment deployment, Flow flow, BlockDocument infrastructure,
      BlockDocument storage) {}

  /** A launched run: what was started and how. */
  private record Started(LaunchSpec spec, Launched launched) {}

  /** Runs a claimed flow run to its end; the future holds the final state type the agent knows of. */
  public Future<StateType> submit(FlowRun run) {
    Path dir = options.runsRoot().resolve(run.id().toString());
    return prepare(run)
        .compose(prepared -> blocking.run(() -> launch(prepared, dir)))
        .compose(started -> afterLaunch(run, started))
        .recover(error -> crash(run, "Flow run could not start: " + message(error)))
        .eventually(() -> blocking.run(() -> deleteTree(dir)));
  }

  private Future<Prepared> prepare(FlowRun run) {
    if (run.deploymentId() == null) {
      return Future.failedFuture(new FerryException("the run has no deployment, and an agent only runs deployments"));
    }
    return client.readDeployment(run.deploymentId()).compose(deployment -> {
      var infraId = run.infrastructureDocumentId() != null ? run.infrastructureDocumentId()
          : deployment.infrastructureDocumentId();
      Future<Flow> flow = client.readFlow(deployment.flowId());
      Future<BlockDocument> infra = infraId == null ? Future.succeededFuture() : client.readBlockDocument(infraId, true);
      Future<BlockDocument> storage = deployment.storageDocumentId() == null ? Future.succeededFuture()
          : client.readBlockDocument(deployment.storageDocumentId(), true);
      return Future.all(flow, infra, storage)
          .map(all -> new Prepared(run, deployment, flow.result(), infra.result(), storage.result()));
    });
  }

  /** Blocking: builds the infrastructure, downloads the code into {@code dir}, starts the run. */
  private Started launch(Prepared p, Path dir) throws IOException {
    FlowRun run = p.run();
    Deployment deployment = p.deployment();
    String slug = p.infrastructure() == null ? "process" : p.infrastructure().typeSlug();
    LOG.info("Launching flow run '{}' ({}) of deployment '{}/{}' on {}", run.name(), run.id(), p.flow().name(),
        deployment.name(), slug);
    ObjectNode data = p.infrastructure() == null ? Json.object() : p.infrastructure().data();
    Infrastructure infrastructure = InfrastructureBlocks.create(slug, Overrides.apply(data, deployment.infraOverrides()));
    deleteTree(dir);
    Files.createDirectories(dir);
    if (p.storage() != null) {
      StorageBlocks.create(p.storage().typeSlug(), p.storage().data()).getDirectory(deployment.path(), dir);
    } else if (deployment.path() != null && !deployment.path().isEmpty()) {
      Path source = Path.of(deployment.path());
      LocalTree.copy(source, dir, IgnoreRules.load(source));
    }
    Map<String, String> env = new HashMap<>();
    env.put("PREFECT_API_URL", client.apiUrl().toString());
    if (apiKey != null) {
      env.put("PREFECT_API_KEY", apiKey);
    }
    env.put("PREFECT__FLOW_RUN_ID", run.id().toString());
    env.put("FERRY_FLOW_ENTRYPOINT", deployment.entrypoint() == null ? "" : deployment.entrypoint());
    env.put("FERRY_FLOW_PARAMETERS", Json.write(run.parameters()));
    env.put("PYTHONUNBUFFERED", "1");
    RunContext context = new RunContext(run.id(), run.name(), dir, env, Launcher.install(dir, options.python()));
    LaunchSpec spec = infrastructure.prepare(context);
    Redactor redactor = Redactor.of(apiKey, p.infrastructure(), p.storage());
    boolean echo = infrastructure.streamsOutput();
    Launched launched = infrastructure.launch(spec, line -> output(run, redactor.redact(line), echo));
    LOG.info("Flow run '{}' started as {}", run.name(), launched.infrastructurePid());
    return new Started(spec, launched);
  }

  private Future<StateType> afterLaunch(FlowRun run, Started started) {
    ObjectNode patch = Json.object().put("infrastructure_pid", started.launched().infrastructurePid());
    Future<Void> reported = client.patchFlowRun(run.id(), patch);
    if (!started.spec().reportsOwnStates()) {
      reported = reported.compose(ignored -> client.setFlowRunState(run.id(), State.of(StateType.RUNNING, null), false))
          .mapEmpty();
    }
    return reported
        .compose(ignored -> Future.fromCompletionStage(started.launched().exit(), vertx.getOrCreateContext()))
        .compose(exit -> finish(run, started, exit));
  }

  private Future<StateType> finish(FlowRun run, Started started, Exit exit) {
    agentLine(run, 20, EXIT_LINE + exit.description() + ".");
    LOG.info("Flow run '{}' infrastructure {}", run.name(), exit.description());
    Future<Void> shipped = logs.flush().recover(error -> Future.succeededFuture());
    if (!started.spec().reportsOwnStates()) {
      State end = exit.succeeded()
          ? State.of(StateType.COMPLETED, "Command exited with code 0.")
          : State.of(StateType.FAILED, "Command " + exit.description() + ".");
      return shipped.compose(ignored -> report(run, end));
    }
    return shipped.compose(ignored -> client.readFlowRun(run.id())).compose(current -> current.state() != null
        && current.state().isFinal()
        ? Future.succeededFuture(current.stateType())
        : report(run, State.of(StateType.CRASHED, "Flow run process " + exit.description()
            + " before reporting a final state.")));
  }

  private Future<StateType> crash(FlowRun run, String message) {
    LOG.error("Flow run '{}' ({}): {}", run.name(), run.id(), message);
    agentLine(run, 40, message);
    return logs.flush().recover(error -> Future.succeededFuture())
        .compose(ignored -> report(run, State.of(StateType.CRASHED, message)))
        .recover(error -> {
          LOG.error("Cannot mark flow run '{}' CRASHED: {}", run.name(), error.getMessage());
          return Future.succeededFuture(StateType.CRASHED);
        });
  }

  private Future<StateType> report(FlowRun run, State state) {
    return client.setFlowRunState(run.id(), state, false).map(result -> {
      if (!result.accepted()) {
        LOG.warn("The server did not accept {} for flow run '{}': {}", state.type(), run.name(), result.reason());
      }
      LOG.info("Flow run '{}' ended {}", run.name(), result.state().type());
      return result.state().type();
    });
  }

  private void output(FlowRun run, String line, boolean echo) {
    if (echo) {
      LOG.info("{} | {}", run.name(), line);
    }
    logs.add(LogRecord.of(run.id(), "ferry.flow_run", 20, line, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private void agentLine(FlowRun run, int level, String message) {
    logs.add(LogRecord.of(run.id(), AGENT_LOGGER, level, message, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private static Void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
    return null;
  }

  private static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}

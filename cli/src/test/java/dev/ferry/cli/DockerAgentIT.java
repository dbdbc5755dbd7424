package dev.ferry.cli;

import static dev.ferry.cli.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.testing.TestDocker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Dockerfile, built for real on a local base image (with the agent's class-data
 * archive made inside it) once for the class, runs {@code agent start} in a container against a
 * ferry server on this host; the flow run it claims completes, in the agent's container (a process
 * deployment) or, with the engine's socket mounted, in a sibling container the agent starts on the
 * same engine (a docker-container deployment).
 */
class DockerAgentIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final String IMAGE = "ferry-agent:it";
  /** Where the agent's container has the engine's socket, as a user mounts it. */
  private static final String SOCKET_IN_AGENT = "/var/run/docker.sock";
  /** Where the agent's container has the local-file-system block's folder. */
  private static final String STORE_IN_AGENT = "/srv/flows";

  private static String base;
  private static boolean built;

  @TempDir Path dir;

  @BeforeAll
  static void buildTheAgentsImage() throws Exception {
    base = TestDocker.baseImage();
    docker(300, "build", "--network", "host", "--build-arg", "BASE_IMAGE=" + base, "-t", IMAGE, REPOSITORY.toString());
    built = true;
  }

  @AfterAll
  static void removeTheAgentsImage() throws Exception {
    if (built) {
      docker(60, "rmi", IMAGE); // each build would otherwise leave the last one's layers behind
    }
  }

  @Test
  void agentInItsImageRunsAFlowRunToCompletion() throws Exception {
    // the image's class-data archive maps (-Xshare:on fails the JVM when it cannot)
    assertThat(docker(60, "run", "--rm", "--entrypoint", "java", IMAGE, "-Xshare:on",
        "-XX:SharedArchiveFile=/opt/ferry/agent.jsa", "@/opt/ferry/agent.options", "-jar", "/opt/ferry/ferry.jar",
        "version")).contains("ferry ");
    Vertx vertx = Vertx.vertx();
    try (FerryServer server = FerryServer.embedded(vertx, dir.resolve("ferry.db"))) {
      OrchestrationClient client = new OrchestrationClient(vertx, server.apiUrl(), null);
      FlowRun run = scheduledRun(client);

      String agent = docker(120, "run", "--rm", "--network", "host", "-e", "PREFECT_API_URL=" + server.apiUrl(),
          IMAGE, "agent", "start", "-q", "docker", "--run-once");

      FlowRun done = await(client.readFlowRun(run.id()));
      assertThat(done.stateType()).as(agent).isEqualTo(StateType.COMPLETED);
      assertThat(logLines(client, run)).contains("hello from python in the container");
      client.close();
    } finally {
      await(vertx.close());
    }
  }

  /**
   * The agent's user ({@code ferry}, not root) reaches the socket through its group, given with
   * {@code --group-add}, as a user runs the image: the agent needs no root for the engine, and runs as
   * the Dockerfile says. The run's code comes from a local-file-system block on a folder only the
   * agent's container has: the agent copies it into the sibling, which shares no disk with it.
   */
  @Test
  void agentInItsImageWithTheEnginesSocketRunsAFlowRunInASiblingContainer() throws Exception {
    Path socket = engineSocket();
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.createDirectories(store.resolve("sibling"));
    Files.writeString(store.resolve("sibling/flow.py"), """
        def hello():
            print("hello from a sibling container")
        """);
    Vertx vertx = Vertx.vertx();
    UUID runId = null;
    try (FerryServer server = FerryServer.embedded(vertx, dir.resolve("ferry.db"))) {
      OrchestrationClient client = new OrchestrationClient(vertx, server.apiUrl(), null);
      FlowRun run = siblingRun(client);
      runId = run.id();

      String agent = docker(180, "run", "--rm", "--network", "host",
          "-v", socket + ":" + SOCKET_IN_AGENT, "-e", "DOCKER_HOST=unix://" + SOCKET_IN_AGENT,
          "--group-add", Files.getAttribute(socket, "unix:gid").toString(),
          "-v", store + ":" + STORE_IN_AGENT + ":ro",
          "-e", "PREFECT_API_URL=" + server.apiUrl(), IMAGE, "agent", "start", "-q", "sibling", "--run-once");

      FlowRun done = await(client.readFlowRun(run.id()));
      assertThat(done.stateType()).as(agent).isEqualTo(StateType.COMPLETED);
      assertThat(logLines(client, run)).as(agent).contains("hello from a sibling container");
      assertThat(docker(60, "ps", "-a", "--filter", "label=io.prefect.flow-run-id=" + run.id(),
          "--format", "{{.Image}} {{.Status}} {{.Label \"io.prefect.deployment-name\"}}"))
          .as("the run's container, kept on the engine beside the agent's").startsWith(base + " Exited (0)")
          .contains("sibling");
      client.close();
    } finally {
      await(vertx.close());
      if (runId != null) {
        for (String id : docker(60, "ps", "-aq", "--filter", "label=io.prefect.flow-run-id=" + runId).lines()
            .toList()) {
          docker(60, "rm", "-f", id);
        }
      }
    }
  }

  /** A deployment whose process runs Python inside the agent's container, and a run of it due now. */
  private static FlowRun scheduledRun(OrchestrationClient client) {
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(List.of("python3", "-c", "print('hello from python in the container')")));
    UUID infrastructure = block(client, "process", "in-docker", data);
    return runOf(client, Json.object().put("name", "docker").put("work_queue_name", "docker")
        .put("entrypoint", "flow.py:main").put("infrastructure_document_id", infrastructure.toString()));
  }

  /**
   * A deployment whose runs are containers of the base image on the host's network (to reach the
   * server on 127.0.0.1), with their code in a local-file-system block on the agent's folder, and a
   * run of it due now.
   */
  private static FlowRun siblingRun(OrchestrationClient client) {
    UUID infrastructure = block(client, "docker-container", "sibling", Json.object().put("type", "docker-container")
        .put("image", base).put("network_mode", "host"));
    UUID storage = block(client, "local-file-system", "agent-folder", Json.object().put("basepath", STORE_IN_AGENT));
    return runOf(client, Json.object().put("name", "sibling").put("work_queue_name", "sibling")
        .put("entrypoint", "flow.py:hello").put("path", "sibling")
        .put("storage_document_id", storage.toString()).put("infrastructure_document_id", infrastructure.toString()));
  }

  private static UUID block(OrchestrationClient client, String slug, String name, ObjectNode data) {
    var schema = await(client.readBlockSchema(BlockCatalog.bySlug(slug).checksum()));
    ObjectNode block = Json.object().put("name", name).put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    return await(client.createBlockDocument(block)).id();
  }

  /** A deployment of {@code fields} of a new flow, and a run of it due now. */
  private static FlowRun runOf(OrchestrationClient client, ObjectNode fields) {
    UUID flow = await(client.createFlow("containerized-" + fields.path("name").asText())).id();
    var deployment = await(client.createDeployment(fields.put("flow_id", flow.toString())));
    var body = Json.object();
    body.set("state", State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC)).asProposal());
    return await(client.createFlowRun(deployment.id(), body));
  }

  private static List<String> logLines(OrchestrationClient client, FlowRun run) {
    return await(client.filterLogs(OrchestrationClient.filter("logs", "flow_run_id", "any_",
        Json.toTree(List.of(run.id()))))).stream().map(LogRecord::message).toList();
  }

  /** The engine's socket on this host, from DOCKER_HOST as .ci/run sets it (the default socket without it). */
  private static Path engineSocket() {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      return Path.of(SOCKET_IN_AGENT);
    }
    assertThat(host).as("DOCKER_HOST: the agent's container can be given a socket of this host only")
        .startsWith("unix://");
    return Path.of(URI.create(host).getPath());
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Dockerfile, built for real on a local base image (with the agent's class-data
 * archive made inside it), runs {@code agent start} in a container against a ferry server on this
 * host; the flow run it claims completes.
 */
class DockerAgentIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final String IMAGE = "ferry-agent:it";

  @TempDir Path dir;

  @Test
  void agentInItsImageRunsAFlowRunToCompletion() throws Exception {
    String base = TestDocker.baseImage();
    docker(300, "build", "--network", "host", "--build-arg", "BASE_IMAGE=" + base, "-t", IMAGE, REPOSITORY.toString());
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
      List<String> lines = await(client.filterLogs(OrchestrationClient.filter("logs", "flow_run_id", "any_",
          Json.toTree(List.of(run.id()))))).stream().map(LogRecord::message).toList();
      assertThat(lines).contains("hello from python in the container");
      client.close();
    } finally {
      await(vertx.close());
      docker(60, "rmi", IMAGE); // each build would otherwise leave the last one's layers behind
    }
  }

  /** A deployment whose process runs Python inside the agent's container, and a run of it due now. */
  private static FlowRun scheduledRun(OrchestrationClient client) {
    var schema = await(client.readBlockSchema(dev.ferry.blocks.BlockCatalog.bySlug("process").checksum()));
    var data = Json.object().put("type", "process");
    data.set("command", Json.toTree(List.of("python3", "-c", "print('hello from python in the container')")));
    var block = Json.object().put("name", "in-docker").put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    var infrastructure = await(client.createBlockDocument(block)).id();
    var flow = await(client.createFlow("containerized")).id();
    var deployment = await(client.createDeployment(Json.object().put("name", "docker").put("flow_id", flow.toString())
        .put("work_queue_name", "docker").put("entrypoint", "flow.py:main")
        .put("infrastructure_document_id", infrastructure.toString())));
    var body = Json.object();
    body.set("state", State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC)).asProposal());
    return await(client.createFlowRun(deployment.id(), body));
  }

  /** Runs the docker CLI; its output, or a failure that shows it. */
  private String docker(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Path output = dir.resolve("docker-" + System.nanoTime() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    String printed = java.nio.file.Files.readString(output, StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " did not end in " + timeoutSeconds + " s:\n" + printed);
    }
    assertThat(process.exitValue()).as("docker " + String.join(" ", args) + "\n" + printed).isZero();
    return printed;
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import dev.ferry.server.services.ServiceSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's heartbeats keep its runs alive on the server; when the agent goes, its runs are marked CRASHED. */
class LostRunIT {
  private static final ServiceSettings FAST_REAPER = new ServiceSettings(Duration.ofHours(1), Duration.ofHours(1),
      Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(1));

  @TempDir Path dir;
  private Vertx vertx;
  private FerryServer server;
  private OrchestrationClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = FerryServer.start(vertx, ServerOptions.embedded(dir.resolve("ferry.db")).withServices(FAST_REAPER));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    await(vertx.close());
  }

  @Test
  void runOfAnAgentThatStoppedHeartbeatingIsCrashedWhileALiveAgentsRunIsNot() throws Exception {
    UUID runId = scheduleRun(List.of("sh", "-c", "sleep 6"));
    AgentOptions options = new AgentOptions(List.of("lost"), null, Duration.ofMillis(200), Duration.ofSeconds(10), false,
        Files.createDirectories(dir.resolve("runs")), AgentOptions.DEFAULT_PYTHON, Duration.ofMillis(200));
    Agent agent = await(Agent.start(vertx, client, null, options));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(runId) == StateType.RUNNING);
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> state(runId) == StateType.RUNNING);

    await(agent.stop());

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> state(runId) == StateType.CRASHED);
    assertThat(await(client.readFlowRun(runId)).state().message()).contains("stopped sending heartbeats");
  }

  private StateType state(UUID runId) {
    return await(client.readFlowRun(runId)).stateType();
  }

  private UUID scheduleRun(List<String> command) {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(command));
    ObjectNode block = Json.object().put("name", "sleeper").put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow("lost")).id();
    ObjectNode body = Json.object().put("name", "lost").put("flow_id", flow.toString()).put("work_queue_name", "lost")
        .put("path", dir.toString()).put("entrypoint", "flow.py:main")
        .put("infrastructure_document_id", infrastructure.toString());
    var deployment = await(client.createDeployment(body));
    ObjectNode run = Json.object();
    run.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC))));
    FlowRun created = await(client.createFlowRun(deployment.id(), run));
    return created.id();
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

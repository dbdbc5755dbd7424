package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
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

/** Against a ferry server the agent long-polls: a new run is picked up long before the next query interval. */
class LongPollIT {
  private static final Duration LONG_INTERVAL = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Vertx vertx;
  private FerryServer server;
  private OrchestrationClient client;
  private Agent agent;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = FerryServer.embedded(vertx, dir.resolve("ferry.db"));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      await(agent.stop());
    }
    client.close();
    server.close();
    await(vertx.close());
  }

  @Test
  void runCreatedWhileTheAgentWaitsIsClaimedWithoutWaitingForTheQueryInterval() throws Exception {
    Deployment deployment = deployment();
    AgentOptions options = new AgentOptions(List.of("fast"), 4, LONG_INTERVAL, Duration.ofSeconds(10), false,
        Files.createDirectories(dir.resolve("runs")), AgentOptions.DEFAULT_PYTHON, AgentOptions.DEFAULT_HEARTBEAT_INTERVAL);
    agent = await(Agent.start(vertx, client, null, options));

    for (int i = 0; i < 3; i++) {
      FlowRun run = createRun(deployment);
      Awaitility.await().atMost(LONG_INTERVAL.dividedBy(6))
          .until(() -> await(client.readFlowRun(run.id())).stateType() == StateType.COMPLETED);
    }
  }

  private FlowRun createRun(Deployment deployment) {
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC))));
    return await(client.createFlowRun(deployment.id(), body));
  }

  private Deployment deployment() {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(List.of("true")));
    ObjectNode block = Json.object().put("name", "true").put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow("fast")).id();
    ObjectNode body = Json.object().put("name", "fast").put("flow_id", flow.toString()).put("work_queue_name", "fast")
        .put("infrastructure_document_id", infrastructure.toString());
    return await(client.createDeployment(body));
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

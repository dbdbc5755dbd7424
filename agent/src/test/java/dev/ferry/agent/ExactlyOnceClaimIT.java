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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two agents polling one queue that holds 200 runs: each run is claimed exactly once and completes. */
class ExactlyOnceClaimIT {
  private static final int RUNS = 200;

  @TempDir Path dir;
  private Vertx vertx;
  private FerryServer server;
  private OrchestrationClient client;
  private final List<Agent> agents = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = FerryServer.embedded(vertx, dir.resolve("ferry.db"));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
  }

  @AfterEach
  void stop() {
    agents.forEach(agent -> await(agent.stop()));
    client.close();
    server.close();
    await(vertx.close());
  }

  @Test
  void everyRunIsClaimedOnceAndCompletes() throws Exception {
    Deployment deployment = deployment(List.of("sh", "-c", "echo run $PREFECT__FLOW_RUN_ID"));
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      ObjectNode body = Json.object();
      body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC))));
      runs.add(await(client.createFlowRun(deployment.id(), body)).id());
    }

    for (int i = 0; i < 2; i++) {
      OrchestrationClient own = new OrchestrationClient(vertx, server.apiUrl(), null);
      AgentOptions options = new AgentOptions(List.of("shared"), null, Duration.ofMillis(200), Duration.ofSeconds(10),
          false, Files.createDirectories(dir.resolve("agent-" + i)), AgentOptions.DEFAULT_PYTHON);
      agents.add(await(Agent.start(vertx, own, null, options)));
    }

    Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> countIn(StateType.COMPLETED) == RUNS);

    for (UUID run : runs) {
      List<State> history = await(client.readFlowRunStates(run));
      Map<StateType, Long> byType = history.stream().collect(Collectors.groupingBy(State::type, Collectors.counting()));
      assertThat(byType.get(StateType.PENDING)).as("PENDING states of run " + run).isEqualTo(1L);
      assertThat(byType.get(StateType.RUNNING)).as("RUNNING states of run " + run).isEqualTo(1L);
      assertThat(history.get(history.size() - 1).type()).isEqualTo(StateType.COMPLETED);
    }
  }

  private long countIn(StateType type) {
    ObjectNode filter = OrchestrationClient.filter("flow_runs", "state", "type", Json.object().set("any_",
        Json.toTree(List.of(type))));
    long total = 0;
    for (int offset = 0; ; offset += 200) {
      filter.put("limit", 200).put("offset", offset);
      List<FlowRun> page = await(client.filterFlowRuns(filter));
      total += page.size();
      if (page.size() < 200) {
        return total;
      }
    }
  }

  private Deployment deployment(List<String> command) throws Exception {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(command));
    ObjectNode block = Json.object().put("name", "exactly-once").put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow("claims")).id();
    Path code = Files.createDirectories(dir.resolve("code"));
    ObjectNode body = Json.object().put("name", "shared").put("flow_id", flow.toString())
        .put("work_queue_name", "shared").put("path", code.toString()).put("entrypoint", "flow.py:main")
        .put("infrastructure_document_id", infrastructure.toString());
    return await(client.createDeployment(body));
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * Many agents polling one queue, through one or more server replicas on one database, with ferry's
 * claim or with Prefect's get_runs and set_state: every run is claimed exactly once (one PENDING,
 * one RUNNING in its history) and completes.
 */
class ExactlyOnceClaimIT {
  @TempDir Path dir;
  private Vertx vertx;
  private final List<FerryServer> servers = new ArrayList<>();
  private final List<OrchestrationClient> clients = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  /** Whether agents see only Prefect's API (get_runs and set_state), not ferry's claim. */
  private boolean prefectApiOnly;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    agents.forEach(agent -> await(agent.stop()));
    clients.forEach(OrchestrationClient::close);
    servers.forEach(FerryServer::close);
    await(vertx.close());
  }

  @Test
  void twoAgentsClaimTwoHundredRunsExactlyOnceOnSqlite() throws Exception {
    claimExactlyOnce("jdbc:sqlite:" + dir.resolve("ferry.db"), 1, 2, 200);
  }

  @Test
  void eightAgentsClaimTwoThousandRunsExactlyOnceOnSqlite() throws Exception {
    claimExactlyOnce("jdbc:sqlite:" + dir.resolve("ferry.db"), 1, 8, 2000);
  }

  @Test
  void fourAgentsOnPrefectsProtocolClaimFourHundredRunsExactlyOnce() throws Exception {
    prefectApiOnly = true;
    claimExactlyOnce("jdbc:sqlite:" + dir.resolve("ferry.db"), 1, 4, 400);
  }

  @Test
  void eightAgentsClaimTwoThousandRunsExactlyOnceOnPostgres() throws Exception {
    claimExactlyOnce(TestDatabases.freshPostgres(), 1, 8, 2000);
  }

  @Test
  void eightAgentsClaimTwoThousandRunsExactlyOnceThroughTwoReplicasOnPostgres() throws Exception {
    claimExactlyOnce(TestDatabases.freshPostgres(), 2, 8, 2000);
  }

  private void claimExactlyOnce(String database, int replicas, int agentCount, int runCount) throws Exception {
    for (int i = 0; i < replicas; i++) {
      FerryServer server = FerryServer.start(vertx, database, "127.0.0.1", 0);
      servers.add(server);
      clients.add(new OrchestrationClient(vertx, server.apiUrl(), null));
    }
    OrchestrationClient client = clients.get(0);
    Deployment deployment = Fixtures.processDeployment(client, "claims", "shared",
        List.of("sh", "-c", "echo run $PREFECT__FLOW_RUN_ID"), Files.createDirectories(dir.resolve("code")));
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < runCount; i++) {
      runs.add(Fixtures.scheduleRun(client, deployment).id());
    }

    for (int i = 0; i < agentCount; i++) {
      URI api = servers.get(i % replicas).apiUrl();
      OrchestrationClient own = new OrchestrationClient(vertx, prefectApiOnly ? Fixtures.prefectOnly(vertx, api) : api,
          null);
      clients.add(own);
      AgentOptions options = AgentOptions.of(List.of("shared"), Files.createDirectories(dir.resolve("agent-" + i)))
          .queryInterval(Duration.ofMillis(200)).build();
      agents.add(await(Agent.start(vertx, own, null, options)));
    }

    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
        .until(() -> countIn(client, StateType.COMPLETED) == runCount);

    for (UUID run : runs) {
      Map<StateType, Long> byType = await(client.readFlowRunStates(run)).stream()
          .collect(Collectors.groupingBy(State::type, Collectors.counting()));
      assertThat(byType).as("states of run " + run)
          .containsEntry(StateType.PENDING, 1L).containsEntry(StateType.RUNNING, 1L)
          .containsEntry(StateType.COMPLETED, 1L);
    }
  }

  private static long countIn(OrchestrationClient client, StateType type) {
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

  private static <T> T await(Future<T> future) {
    return Fixtures.await(future);
  }
}

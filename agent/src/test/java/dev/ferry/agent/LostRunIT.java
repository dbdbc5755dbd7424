package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import dev.ferry.server.services.ServiceSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    Deployment deployment = Fixtures.processDeployment(client, "lost", "lost", command, null);
    return Fixtures.scheduleRun(client, deployment).id();
  }

  private static <T> T await(Future<T> future) {
    return Fixtures.await(future);
  }
}

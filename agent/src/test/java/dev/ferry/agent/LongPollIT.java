package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    Deployment deployment = Fixtures.processDeployment(client, "fast", "fast", List.of("true"), null);
    AgentOptions options = new AgentOptions(List.of("fast"), 4, LONG_INTERVAL, Duration.ofSeconds(10), false,
        Files.createDirectories(dir.resolve("runs")), AgentOptions.DEFAULT_PYTHON, AgentOptions.DEFAULT_HEARTBEAT_INTERVAL);
    agent = await(Agent.start(vertx, client, null, options));

    for (int i = 0; i < 3; i++) {
      FlowRun run = Fixtures.scheduleRun(client, deployment);
      Awaitility.await().atMost(LONG_INTERVAL.dividedBy(6))
          .until(() -> await(client.readFlowRun(run.id())).stateType() == StateType.COMPLETED);
    }
  }

  private static <T> T await(Future<T> future) {
    return Fixtures.await(future);
  }
}

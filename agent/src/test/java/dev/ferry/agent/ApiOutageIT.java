package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The server goes away for 30 s while a flow runs and comes back: the agent waits for it, the
 * run it held reaches its final state with all its output, and the next run is picked up.
 */
class ApiOutageIT extends AgentTest {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Override
  protected ServerOptions serverOptions() {
    return restartable();
  }

  @Test
  void runFinishedWhileTheServerWasDownReachesItsFinalStateAndTheNextRunIsPickedUp() throws Exception {
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("flow.py"), """
        import time

        def main():
            print("before the outage", flush=True)
            time.sleep(4)
            print("during the outage", flush=True)
        """);
    Deployment deployment = Fixtures.processDeployment(client, "outage", "outage", null, code);
    startAgent(options("outage").queryInterval(Duration.ofSeconds(1)).heartbeatInterval(Duration.ofSeconds(1)));
    UUID first = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(first) == StateType.RUNNING);

    server.close();
    Thread.sleep(OUTAGE.toMillis());
    server = FerryServer.start(vertx, serverOptions());

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> state(first) == StateType.COMPLETED);
    List<String> lines = await(client.filterLogs(OrchestrationClient.filter("logs", "flow_run_id", "any_",
        dev.ferry.json.Json.toTree(List.of(first))))).stream().map(LogRecord::message).toList();
    assertThat(lines).contains("before the outage", "during the outage");
    FlowRun next = Fixtures.scheduleRun(client, deployment);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(next.id()) == StateType.COMPLETED);
  }
}

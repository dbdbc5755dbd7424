package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The server goes away and comes back: the agent waits for it, a run it held reaches its final
 * state with all its output, and the next run is picked up.
 */
class ApiOutageIT extends AgentTest {
  @Override
  protected ServerOptions serverOptions() {
    return restartable();
  }

  @Test
  void runFinishedWhileTheServerWasDownReachesItsFinalStateAndTheNextRunIsPickedUp() throws Exception {
    Deployment deployment = flowDeployment("outage", """
        import time

        def main():
            print("before the outage", flush=True)
            time.sleep(4)
            print("during the outage", flush=True)
        """);
    startAgent(options("outage").queryInterval(Duration.ofSeconds(1)).heartbeatInterval(Duration.ofSeconds(1)));
    UUID first = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> state(first) == StateType.RUNNING);

    restartServerAfter(Duration.ofSeconds(30));

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> state(first) == StateType.COMPLETED);
    assertThat(lines(first)).contains("before the outage", "during the outage");
    FlowRun next = Fixtures.scheduleRun(client, deployment);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(next.id()) == StateType.COMPLETED);
  }

  @Test
  void aFlowDueToStartDuringTheOutageStartsWhenTheServerIsBackAndItsLogSaysWhyItWaited() throws Exception {
    Deployment deployment = flowDeployment("due", """
        def main():
            print("started after the outage", flush=True)
        """);
    UUID run = Fixtures.scheduleRun(client, deployment, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3)).id();
    startAgent(options("due").prefetch(Duration.ofSeconds(60)).queryInterval(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofSeconds(1)));
    // the launcher has the run and waits for its time, which comes while the server is down
    Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> read(run).infrastructurePid() != null);

    restartServerAfter(Duration.ofSeconds(12));

    Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> state(run) == StateType.COMPLETED);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines(run).contains("started after the outage"));
    assertThat(lines(run)).anyMatch(line -> line.startsWith("[ferry] the API at ") && line.contains("does not answer")
        && line.contains("Connection refused)") && line.endsWith("trying again for up to 10 min"));
  }

  /** A deployment, on a queue of its name, of a Python flow {@code main} in {@code flow.py}. */
  private Deployment flowDeployment(String name, String flow) throws Exception {
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("flow.py"), flow);
    return Fixtures.processDeployment(client, name, name, null, code);
  }

  private void restartServerAfter(Duration outage) throws InterruptedException {
    server.close();
    Thread.sleep(outage.toMillis());
    server = FerryServer.start(vertx, serverOptions());
  }
}

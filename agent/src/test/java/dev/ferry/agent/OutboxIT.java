package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An agent stopped while the API is down does not wait for it: the log lines and final state it
 * could not deliver are kept in its runs folder, and the next agent there delivers them.
 */
class OutboxIT extends AgentTest {
  @Override
  protected ServerOptions serverOptions() {
    return restartable();
  }

  private final ListAppender<ILoggingEvent> agentLog = new ListAppender<>();

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger("ferry.agent")).detachAppender(agentLog);
  }

  @Test
  void whatTheApiDidNotTakeBeforeTheAgentStoppedIsDeliveredByTheNextAgent() throws Exception {
    agentLog.start();
    ((Logger) LoggerFactory.getLogger("ferry.agent")).addAppender(agentLog);
    Path ended = dir.resolve("ended");
    Deployment deployment = Fixtures.processDeployment(client, "kept", "kept",
        List.of("sh", "-c", "sleep 1; echo while the server was down; touch " + ended), null);
    startAgent(options("kept").queryInterval(Duration.ofMillis(200)).heartbeatInterval(Duration.ofMillis(200)));
    UUID run = Fixtures.scheduleRun(client, deployment).id();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> read(run).infrastructurePid() != null);

    server.close();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ended));
    long stopping = System.nanoTime();
    await(agent.drain(Duration.ofSeconds(60)));
    agent = null;

    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("the drain did not wait for the API")
        .isLessThan(Duration.ofSeconds(20));
    assertThat(outboxes()).hasSize(1);
    assertThat(Files.readString(dir.resolve("runs").resolve(outboxes().get(0)))).contains("\"COMPLETED\"")
        .doesNotContain("CRASHED");
    // its report waits for the API until the agent has stopped
    Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> agentLog.list.stream()
        .anyMatch(event -> event.getFormattedMessage().contains("ended as the agent stopped")));
    assertThat(agentLog.list).as("the run started and ended; only its report waited")
        .noneMatch(event -> event.getFormattedMessage().contains("could not start"));
    server = FerryServer.start(vertx, serverOptions());
    startAgent(options("kept"));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> state(run) == StateType.COMPLETED);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines(run).contains("while the server was down"));
    assertThat(lines(run)).containsOnlyOnce("while the server was down");
    assertThat(outboxes()).isEmpty();
  }

  private List<String> outboxes() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(".outbox-")).toList();
    }
  }
}

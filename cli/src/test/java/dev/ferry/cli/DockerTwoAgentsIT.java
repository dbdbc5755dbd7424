package dev.ferry.cli;

import static dev.ferry.cli.DockerCli.docker;
import static dev.ferry.cli.FerryProcess.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.json.Json;
import dev.ferry.server.FerryServer;
import dev.ferry.testing.TestDocker;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents on one Docker engine and one server, each with a queue and a {@code FERRY_HOME} of its
 * own, as two teams' agents on one host: a run cancelled through one stops that run's container
 * alone, and an agent stopped while its container runs takes over, once started again, its own
 * container and not the other agent's, which goes on under the agent that started it.
 */
class DockerTwoAgentsIT {
  /** Waits for the test to open the gate (a file in a mounted folder), then ends. */
  private static final String GATED = "echo waiting; while [ ! -e /gate/open ]; do sleep 0.2; done; echo released";

  private final String testId = UUID.randomUUID().toString();
  private final List<Process> agents = new ArrayList<>();
  @TempDir Path root;
  private Vertx vertx;
  private FerryServer server;
  private Path gate;

  @BeforeEach
  void serverAndDeployments() throws Exception {
    vertx = Vertx.vertx();
    server = FerryServer.embedded(vertx, root.resolve("ferry.db"));
    gate = Files.createDirectories(root.resolve("gate"));
    Path project = Files.createDirectories(root.resolve("project/flows"));
    Files.writeString(project.resolve("flows.py"), "def gated():\n    pass\n");
    FerryProcess ferry = team("setup");
    succeeds(ferry.run("block", "create", "docker-container", "box", "--set", "image=" + TestDocker.busyboxImage(),
        "--set", "network_mode=host", "--set", "volumes=[\"" + gate + ":/gate:ro\"]",
        "--set", "labels={\"dev.ferry.test\": \"" + testId + "\"}"));
    for (String queue : List.of("east", "west")) {
      succeeds(ferry.run("deployment", "build", "flows/flows.py:gated", "-n", queue, "-q", queue,
          "-ib", "docker-container/box", "--override", "command=" + Json.write(List.of("sh", "-c", GATED)),
          "--apply"));
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Process agent : agents) {
      agent.destroy();
      if (!agent.waitFor(60, TimeUnit.SECONDS)) {
        agent.destroyForcibly().waitFor();
      }
    }
    for (String id : docker(60, "ps", "-aq", "--filter", "label=dev.ferry.test=" + testId).lines().toList()) {
      docker(60, "rm", "-f", id);
    }
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void eachAgentCancelsAndTakesOverOnlyItsOwnContainers() throws Exception {
    FerryProcess east = team("east");
    FerryProcess west = team("west");
    Process eastAgent = agent(east, "east");
    agent(west, "west");
    String eastRun = east.run("deployment", "run", "gated/east").runId();
    String cancelled = west.run("deployment", "run", "gated/west").runId();
    awaitLogs(east, eastRun, "waiting");
    awaitLogs(west, cancelled, "waiting");

    succeeds(west.run("flow-run", "cancel", cancelled));

    awaitState(west, cancelled, "CANCELLED");
    assertThat(docker(60, "ps", "-q", "--filter", "label=io.prefect.flow-run-id=" + cancelled)).isBlank();
    assertThat(docker(60, "ps", "-q", "--filter", "label=io.prefect.flow-run-id=" + eastRun))
        .as("the other agent's container runs on").isNotBlank();

    String westRun = west.run("deployment", "run", "gated/west").runId();
    awaitLogs(west, westRun, "waiting");
    eastAgent.destroy(); // --drain-timeout 0: its container is left running, for the next agent on its home
    assertThat(eastAgent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Process eastAgain = agent(east, "east");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> east.read(eastAgain, "err").contains(eastRun));
    Files.writeString(gate.resolve("open"), "");

    awaitState(east, eastRun, "COMPLETED");
    awaitState(west, westRun, "COMPLETED");
    assertThat(east.read(eastAgain, "err")).contains("Taking over flow run").doesNotContain(westRun);
    assertThat(east.run("flow-run", "logs", eastRun).out()).containsOnlyOnce("waiting").containsOnlyOnce("released");
    assertThat(west.run("flow-run", "logs", westRun).out()).containsOnlyOnce("waiting").containsOnlyOnce("released");
  }

  /** The CLI of one team: a home of its own, and the shared server's API. */
  private FerryProcess team(String name) throws Exception {
    Path project = root.resolve("project");
    return new FerryProcess(project, root.resolve(name + "-home"))
        .withEnv(Map.of("PREFECT_API_URL", server.apiUrl().toString()));
  }

  /** An agent on {@code queue} that leaves its runs running when it stops, polling every half second. */
  private Process agent(FerryProcess ferry, String queue) throws Exception {
    Process agent = ferry.start("agent", "start", "-q", queue, "--query-interval", "0.5", "--drain-timeout", "0");
    agents.add(agent);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ferry.read(agent, "err").contains("polling work"));
    return agent;
  }

  private static void awaitLogs(FerryProcess ferry, String runId, String line) {
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.run("flow-run", "logs", runId).out().contains(line));
  }

  private static void awaitState(FerryProcess ferry, String runId, String type) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.state(runId).path("type").asText().equals(type));
  }
}

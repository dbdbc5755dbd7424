package dev.ferry.cli;

import static dev.ferry.cli.DockerCli.docker;
import static dev.ferry.cli.FerryProcess.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.testing.TestDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow runs in Docker containers, through the real ferry jar as a user runs it: a docker-container
 * block on the local base image (on the host's network: the test engine has no bridge), deployments
 * of it, an agent, and what the user sees of each run: its state, its printed lines, its container.
 */
class DockerRunIT {
  private static final String FLOWS = """
      import time
      from prefect import flow

      @flow(name="hello")
      def hello(name: str = "world"):
          print(f"Hello from a container, {name}!")

      @flow(name="slow")
      def slow():
          print("sleeping", flush=True)
          time.sleep(300)
      """;

  private final String testId = UUID.randomUUID().toString();
  @TempDir Path root;
  private Path project;
  private FerryProcess ferry;
  private Process agent;

  @BeforeEach
  void blockAndAgent() throws Exception {
    String image = TestDocker.baseImage();
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows"));
    Files.writeString(project.resolve("flows/flows.py"), FLOWS);
    ferry = new FerryProcess(project, root.resolve("home"));
    succeeds(ferry.run("block", "create", "docker-container", "box", "--set", "image=" + image,
        "--set", "network_mode=host", "--set", "labels={\"dev.ferry.test\": \"" + testId + "\"}"));
    agent = ferry.start("agent", "start", "-q", "box", "--query-interval", "0.5");
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> ferry.read(agent, "err").contains("polling work queues"));
  }

  @AfterEach
  void stopAgentAndRemoveContainers() throws Exception {
    agent.destroy();
    if (!agent.waitFor(60, TimeUnit.SECONDS)) {
      agent.destroyForcibly().waitFor();
    }
    for (String id : docker(60, "ps", "-aq", "--filter", "label=dev.ferry.test=" + testId).lines().toList()) {
      docker(60, "rm", "-f", id);
    }
  }

  @Test
  void codeFromALocalFileSystemBlockRunsInAContainerToCompletion() throws Exception {
    Path store = Files.createDirectories(root.resolve("store"));
    succeeds(ferry.run("block", "create", "local-file-system", "shared", "--set", "basepath=" + store));
    succeeds(ferry.run("deployment", "build", "flows/flows.py:hello", "-n", "boxed", "-q", "box",
        "-sb", "local-file-system/shared/hello", "-ib", "docker-container/box", "--apply"));
    Result doctor = ferry.run("doctor", "-q", "box");
    assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out()).containsPattern("docker engine .* for hello/boxed: Docker .* \\(API 1\\.")
        .containsPattern("docker image " + Pattern.quote(TestDocker.baseImage()) + " .*for hello/boxed: on the engine");

    Result run = ferry.run("deployment", "run", "hello/boxed", "--param", "name=Ada", "--watch");

    assertThat(run.exitCode()).as(run.out() + run.err() + agentLog()).isZero();
    assertThat(run.out()).contains("Hello from a container, Ada!").contains("finished in state Completed");
    assertThat(docker(60, "ps", "-a", "--filter", "label=io.prefect.flow-run-id=" + run.runId(),
        "--format", "{{.Status}} {{.Label \"io.prefect.flow-name\"}} {{.Label \"io.prefect.deployment-name\"}}"))
        .as("the finished container is kept, labelled").startsWith("Exited (0)").contains("hello boxed");
  }

  @Test
  void codeWithoutStorageRunsFromWherePrefectPutsItInTheImage() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:hello", "-n", "in-image", "-q", "box",
        "-ib", "docker-container/box", "--override", "volumes=[\"" + inImage() + "\"]", "--apply"));
    assertThat(project.resolve("hello-deployment.yaml")).content().contains("path: /opt/prefect/flows");

    Result run = ferry.run("deployment", "run", "hello/in-image", "--watch");

    assertThat(run.exitCode()).as(run.out() + run.err() + agentLog()).isZero();
    assertThat(run.out()).contains("Hello from a container, world!");
  }

  @Test
  void aCommandThatExitsThreeEndsFailedWithItsOutputInTheLogs() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:hello", "-n", "exit3", "-q", "box",
        "-ib", "docker-container/box", "--override", "command=[\"sh\",\"-c\",\"echo about to fail; exit 3\"]",
        "--apply"));

    Result run = ferry.run("deployment", "run", "hello/exit3", "--watch");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    JsonNode state = ferry.state(run.runId());
    assertThat(state.path("type").asText()).isEqualTo("FAILED");
    assertThat(state.path("message").asText()).contains("exited with code 3");
    assertThat(ferry.run("flow-run", "logs", run.runId()).out()).contains("about to fail");
  }

  @Test
  void aCancelledRunIsCancelledWithItsContainerStopped() throws Exception {
    succeeds(ferry.run("deployment", "build", "flows/flows.py:slow", "-n", "boxed", "-q", "box",
        "-ib", "docker-container/box", "--override", "volumes=[\"" + inImage() + "\"]", "--apply"));
    String runId = ferry.run("deployment", "run", "slow/boxed").runId();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.run("flow-run", "logs", runId).out().contains("sleeping"));

    succeeds(ferry.run("flow-run", "cancel", runId));

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> ferry.state(runId).path("type").asText().equals("CANCELLED"));
    assertThat(docker(60, "ps", "-q", "--filter", "label=io.prefect.flow-run-id=" + runId)).as("running containers")
        .isBlank();
  }

  /** The project mounted where Prefect's deployments without storage have their code: it stands for an image's. */
  private String inImage() {
    return project + ":/opt/prefect/flows:ro";
  }

  private String agentLog() throws IOException {
    return "\nagent:\n" + ferry.read(agent, "err");
  }
}

package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.json.Json;
import dev.ferry.testing.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main path through the real ferry jar, in embedded mode: build, apply, run, agent, final state, logs. */
class EndToEndIT {
  private static final String FLOWS = """
      from prefect import flow

      @flow(name="hello")
      def hello(name: str = "world"):
          print(f"Hello from ferry, {name}!")

      @flow
      def broken_flow():
          raise ValueError("the input table is empty")
      """;

  @TempDir Path root;
  private Path project;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows"));
    Files.writeString(project.resolve("flows/hello.py"), FLOWS);
    ferry = new FerryProcess(project, root.resolve("home"));
  }

  @Test
  void deployedFlowRunsToCompletionAndItsPrintedLineIsInTheLogs() throws Exception {
    Result build = ferry.run("deployment", "build", "flows/hello.py:hello", "-n", "dev", "-q", "dev", "-o", "hello.yaml");
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(project.resolve("hello.yaml")).exists();
    assertThat(project.resolve(".prefectignore")).exists();
    assertThat(ferry.run("deployment", "apply", "hello.yaml").exitCode()).isZero();

    Result run = ferry.run("deployment", "run", "hello/dev", "--param", "name=Ada");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Result agent = ferry.run("agent", "start", "-q", "dev", "--run-once");

    assertThat(agent.exitCode()).as(agent.err()).isZero();
    assertThat(ferry.state(run.runId()).path("type").asText()).isEqualTo("COMPLETED");
    assertThat(ferry.run("flow-run", "logs", run.runId()).out()).contains("Hello from ferry, Ada!");
    assertThat(ferry.run("flow-run", "ls", "--state", "COMPLETED").out()).contains(run.runId());
  }

  @Test
  void flowThatRaisesEndsFailedWithTheExceptionInItsState() throws Exception {
    assertThat(ferry.run("deployment", "build", "flows/hello.py:broken_flow", "-n", "nightly", "-q", "etl", "--apply")
        .exitCode()).isZero();
    String runId = ferry.run("deployment", "run", "broken-flow/nightly").runId();

    Result agent = ferry.run("agent", "start", "-q", "etl", "--run-once");

    assertThat(agent.exitCode()).as("an agent whose run failed exits non-zero").isEqualTo(1);
    JsonNode state = ferry.state(runId);
    assertThat(state.path("type").asText()).isEqualTo("FAILED");
    assertThat(state.path("message").asText()).contains("ValueError: the input table is empty");
  }

  @Test
  void customCommandThatExitsThreeEndsFailedWithItsExitCode() throws Exception {
    Result build = ferry.run("deployment", "build", "flows/hello.py:hello", "-n", "exit3", "-q", "cmd",
        "--override", "command=[\"sh\",\"-c\",\"echo about to fail; exit 3\"]", "--apply");
    assertThat(build.exitCode()).as(build.err()).isZero();
    String runId = ferry.run("deployment", "run", "hello/exit3").runId();

    assertThat(ferry.run("agent", "start", "-q", "cmd", "--run-once").exitCode()).isEqualTo(1);

    JsonNode state = ferry.state(runId);
    assertThat(state.path("type").asText()).isEqualTo("FAILED");
    assertThat(state.path("message").asText()).contains("exit").contains("code 3");
    assertThat(ferry.run("flow-run", "logs", runId).out()).contains("about to fail");
  }

  @Test
  void codeUploadedToALocalFileSystemBlockIsWhatTheAgentRuns() throws Exception {
    Path store = Files.createDirectories(root.resolve("store"));
    Files.createDirectories(project.resolve("__pycache__"));
    Files.writeString(project.resolve("__pycache__/junk.pyc"), "junk");
    Result block = ferry.run("block", "create", "local-file-system", "shared", "--set", "basepath=" + store);
    assertThat(block.exitCode()).as(block.err()).isZero();
    assertThat(ferry.run("block", "ls").out()).contains("local-file-system/shared");
    assertThat(ferry.run("block", "inspect", "local-file-system/shared").out()).contains(store.toString());

    Result build = ferry.run("deployment", "build", "flows/hello.py:hello", "-n", "stored", "-q", "stored",
        "-sb", "local-file-system/shared/hello", "--apply");
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(store.resolve("hello/flows/hello.py")).exists();
    assertThat(store.resolve("hello/__pycache__")).as(".prefectignore keeps caches out").doesNotExist();

    Files.writeString(project.resolve("flows/hello.py"), "raise SystemExit('the agent ran the local copy')\n");
    String runId = ferry.run("deployment", "run", "hello/stored").runId();
    assertThat(ferry.run("agent", "start", "-q", "stored", "--run-once").exitCode()).isZero();
    assertThat(ferry.run("flow-run", "logs", runId).out()).contains("Hello from ferry, world!");
  }

  @Test
  void watchFollowsARunThatARunningAgentPicksUp() throws Exception {
    assertThat(ferry.run("deployment", "build", "flows/hello.py:hello", "-n", "watched", "-q", "live", "--apply")
        .exitCode()).isZero();
    Process agent = ferry.start("agent", "start", "-q", "live", "--query-interval", "0.5");
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ferry.read(agent, "err").contains("polling work queues"));
      Result watched = ferry.run("deployment", "run", "hello/watched", "--watch");

      assertThat(watched.exitCode()).as(watched.out() + watched.err()).isZero();
      assertThat(watched.out()).contains("Hello from ferry, world!").contains("finished in state Completed");
    } finally {
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void theManifestPrefectWroteApplies() throws Exception {
    Files.writeString(project.resolve("hello-deployment.yaml"), Reference.text("hello-deployment.yaml"));

    Result apply = ferry.run("deployment", "apply", "hello-deployment.yaml");

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    JsonNode deployment = Json.tree(ferry.run("deployment", "inspect", "hello/dev").out());
    assertThat(deployment.path("entrypoint").asText()).isEqualTo("hello.py:hello");
    assertThat(deployment.path("work_queue_name").asText()).isEqualTo("dev");
    assertThat(deployment.path("version").asText()).isEqualTo("e7e298cd0bdb7958c244e1dc04b99e14");
    assertThat(ferry.run("deployment", "ls").out()).contains("hello/dev");
  }

  @Test
  void quickstartEndsWithTheExampleRunCompleted() throws Exception {
    Result quickstart = ferry.run("quickstart");

    assertThat(quickstart.exitCode()).as(quickstart.out() + quickstart.err()).isZero();
    assertThat(quickstart.out()).contains("Hello, ferry!").contains("finished in state Completed");
  }
}

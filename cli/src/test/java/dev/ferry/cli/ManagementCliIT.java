package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.json.Json;
import dev.ferry.json.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules, work queues and flow runs managed from the command line, as scripts would, through --output json. */
class ManagementCliIT {
  @TempDir Path root;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    Path project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("etl.py"), "def etl(n: int = 1):\n    print(n)\n");
    ferry = new FerryProcess(project, root.resolve("home"));
  }

  private JsonNode json(String... args) throws Exception {
    Result result = ferry.run(args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return Json.tree(result.out());
  }

  private void ok(String... args) throws Exception {
    Result result = ferry.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
  }

  @Test
  void sqlitesLibraryIsTakenOutOnceIntoTheUsersCacheAndNeverIntoTheTempFolder() throws Exception {
    Path cache = root.resolve("cache");
    Path temp = Files.createDirectories(root.resolve("tmp"));
    FerryProcess cached = ferry.withEnv(Map.of("XDG_CACHE_HOME", cache.toString(),
        "FERRY_JAVA_OPTS", "-Djava.io.tmpdir=" + temp));

    for (int i = 0; i < 2; i++) {
      Result listed = cached.run("work-queue", "ls");
      assertThat(listed.exitCode()).as(listed.err()).isZero();
    }

    try (var taken = Files.walk(cache.resolve("ferry"))) {
      assertThat(taken.filter(Files::isRegularFile).map(file -> file.getFileName().toString()))
          .containsExactly("libsqlitejdbc.so");
    }
    try (var left = Files.list(temp)) {
      assertThat(left.map(file -> file.getFileName().toString())).noneMatch(name -> name.contains("sqlite"));
    }
  }

  @Test
  void scheduleIsPlannedPausedResumedAndReplaced() throws Exception {
    ok("deployment", "build", "etl.py:etl", "-n", "nightly", "-q", "etl", "--cron", "0 2 * * *",
        "--timezone", "Europe/Berlin", "--apply");
    JsonNode planned = json("flow-run", "ls", "--deployment", "etl/nightly", "--limit", "200", "-o", "json");
    assertThat(planned).hasSize(100);
    assertThat(planned.get(0).at("/expected_start_time").asText()).matches(".*T0[01]:00:00Z");

    ok("deployment", "pause-schedule", "etl/nightly");
    assertThat(json("flow-run", "ls", "--deployment", "etl/nightly", "-o", "json")).isEmpty();

    ok("deployment", "resume-schedule", "etl/nightly");
    assertThat(json("flow-run", "ls", "--deployment", "etl/nightly", "--limit", "200", "-o", "json")).hasSize(100);

    ok("deployment", "set-schedule", "etl/nightly", "--interval", "3600");
    JsonNode hourly = json("flow-run", "ls", "--deployment", "etl/nightly", "--limit", "2", "-o", "json");
    assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(hourly.get(1).get("expected_start_time").asText()),
        java.time.OffsetDateTime.parse(hourly.get(0).get("expected_start_time").asText()))).hasHours(1);

    ok("deployment", "delete", "etl/nightly");
    assertThat(json("deployment", "ls", "-o", "json")).isEmpty();
    assertThat(json("flow-run", "ls", "-o", "json")).as("the runs it planned went with it").isEmpty();
  }

  @Test
  void explainShowsWhatTheAgentWouldLaunchWithOverridesAppliedAndTheKeyMasked() throws Exception {
    ok("block", "create", "process", "local", "--set", "env={\"TEAM\": \"data\"}");
    ok("deployment", "build", "etl.py:etl", "-n", "dev", "-q", "etl", "-ib", "process/local",
        "--override", "env.LOG_LEVEL=DEBUG", "--apply");
    String runId = ferry.run("deployment", "run", "etl/dev", "--param", "n=3").runId();

    Result explain = ferry.withEnv(Map.of("PREFECT_API_KEY", "key-that-must-not-show")).run("flow-run", "explain",
        runId);

    assertThat(explain.exitCode()).as(explain.err()).isZero();
    JsonNode plan = Yaml.MAPPER.readTree(explain.out());
    assertThat(plan.get("infrastructure").asText()).isEqualTo("process");
    assertThat(plan.at("/launch/argv/1").asText()).endsWith(runId + "/.ferry/launcher.py");
    assertThat(plan.at("/launch/env/LOG_LEVEL").asText()).isEqualTo("DEBUG");
    assertThat(plan.at("/launch/env/TEAM").asText()).isEqualTo("data");
    assertThat(plan.at("/launch/env/FERRY_FLOW_PARAMETERS").asText()).isEqualTo("{\"n\":3}");
    assertThat(plan.at("/launch/env/PREFECT_API_KEY").asText()).isEqualTo("**********");
    assertThat(explain.out()).doesNotContain("key-that-must-not-show");
  }

  @Test
  void inspectExplainShowsTheContainerTheNextRunOfADockerDeploymentWouldGet() throws Exception {
    ok("block", "create", "docker-container", "box", "--set", "image=repo/etl:1.4", "--set", "mem_limit=64m");
    ok("deployment", "build", "etl.py:etl", "-n", "boxed", "-q", "etl", "-ib", "docker-container/box",
        "--override", "env.LOG_LEVEL=DEBUG", "--param", "n=5", "--apply");

    Result explain = ferry.run("deployment", "inspect", "etl/boxed", "--explain");

    assertThat(explain.exitCode()).as(explain.err()).isZero();
    JsonNode plan = Yaml.MAPPER.readTree(explain.out());
    assertThat(plan.get("infrastructure").asText()).isEqualTo("docker-container");
    assertThat(plan.get("code").asText()).isEqualTo("in the image, at /opt/prefect/flows");
    assertThat(plan.at("/launch/Image").asText()).isEqualTo("repo/etl:1.4");
    assertThat(plan.at("/launch/WorkingDir").asText()).isEqualTo("/opt/prefect/flows");
    assertThat(plan.at("/launch/HostConfig/Memory").asLong()).isEqualTo(64L << 20);
    assertThat(plan.at("/launch/Env").toString()).contains("LOG_LEVEL=DEBUG")
        .contains("FERRY_FLOW_PARAMETERS={\\\"n\\\":5}").contains("PREFECT__FLOW_RUN_ID=00000000-0000-0000-0000");
  }

  @Test
  void workQueueLifecycle() throws Exception {
    ok("work-queue", "create", "prod", "--limit", "2");
    assertThat(ferry.run("work-queue", "create", "prod").err()).contains("already exists");
    assertThat(json("work-queue", "ls", "-o", "json").get(0).get("concurrency_limit").asInt()).isEqualTo(2);

    ok("deployment", "build", "etl.py:etl", "-n", "adhoc", "-q", "prod", "--apply");
    ok("deployment", "run", "etl/adhoc");
    assertThat(json("work-queue", "preview", "prod", "-o", "json")).hasSize(1);
    ok("work-queue", "pause", "prod");
    assertThat(json("work-queue", "preview", "prod", "-o", "json")).as("a paused queue hands out nothing").isEmpty();
    ok("work-queue", "resume", "prod");
    ok("work-queue", "clear-concurrency-limit", "prod");
    assertThat(json("work-queue", "inspect", "prod").get("concurrency_limit").isNull()).isTrue();

    ok("work-queue", "delete", "prod");
    assertThat(json("work-queue", "ls", "-o", "json")).isEmpty();
  }

  @Test
  void everyBuiltInBlockTypeCanBeSavedAndSecretFieldsStayHidden() throws Exception {
    ok("block", "create", "s3", "code", "--set", "bucket_path=my-bucket/flows", "--set",
        "aws_secret_access_key=wJalrXUtnFEMI-s3cret");
    ok("block", "create", "secret", "token", "--set", "value=t0ken-value");
    ok("block", "create", "kubernetes-job", "prod", "--set", "namespace=flows", "--set", "image=repo/etl:1.4");

    String s3 = ferry.run("block", "inspect", "s3/code").out();
    assertThat(s3).contains("my-bucket/flows").contains("**********").doesNotContain("wJalrXUtnFEMI-s3cret");
    assertThat(ferry.run("block", "inspect", "secret/token").out()).doesNotContain("t0ken-value");
    assertThat(json("block", "ls", "-o", "json")).hasSize(3);
    ok("block", "delete", "s3/code");
    assertThat(json("block", "type", "ls", "-o", "json")).hasSize(14);
    assertThat(json("block", "ls", "-o", "json")).hasSize(2);
    assertThat(ferry.run("block", "create", "s3", "bad", "--set", "bucket=x").err())
        .contains("'bucket' is not a field of block type 's3'").contains("bucket_path");
  }

  @Test
  void runThatWasNotClaimedIsCancelledAtOnceAndCanBeDeleted() throws Exception {
    ok("deployment", "build", "etl.py:etl", "-n", "later", "-q", "later", "--apply");
    String runId = ferry.run("deployment", "run", "etl/later", "--start-in", "1 hour").runId();

    ok("flow-run", "cancel", runId);
    assertThat(json("flow-run", "inspect", runId).at("/state/type").asText()).isEqualTo("CANCELLED");
    assertThat(ferry.run("flow-run", "cancel", runId).err()).contains("already ended");

    ok("flow-run", "delete", runId);
    assertThat(ferry.run("flow-run", "inspect", runId).exitCode()).isNotZero();
  }
}

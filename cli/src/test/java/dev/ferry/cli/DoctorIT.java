package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.json.Json;
import dev.ferry.server.FerryServer;
import dev.ferry.server.ServerOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry doctor} as a person runs it before starting an agent: what it finds, the fix it gives, its exit code. */
class DoctorIT {
  @TempDir Path root;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    Path project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("etl.py"), "def etl():\n    print('etl')\n");
    ferry = new FerryProcess(project, root.resolve("home"));
  }

  private void deploy(String name, String command) throws Exception {
    Result build = ferry.run("deployment", "build", "etl.py:etl", "-n", name, "-q", "etl",
        "--override", "command=" + command, "--apply");
    assertThat(build.exitCode()).as(build.err()).isZero();
  }

  @Test
  void everythingTheQueuesDeploymentsNeedIsHereSoItExitsZero() throws Exception {
    deploy("shell", "[\"sh\", \"-c\", \"true\"]");

    Result doctor = ferry.run("doctor", "-q", "etl");

    assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out()).contains("python3: 3.").contains("work queue 'etl': on the server")
        .containsPattern("process command 'sh' for etl/shell: found at /.*sh")
        .contains("Nothing missing");
  }

  @Test
  void aMissingProgramAndAMisspeltQueueAreNamedWithTheirFixes() throws Exception {
    deploy("missing", "[\"ferry-test-missing-tool\", \"run\"]");

    Result doctor = ferry.run("doctor", "-q", "etl", "-q", "elt");

    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out())
        .contains("work queue 'elt': not on the server (it has: etl); fix: check the name;")
        .contains("process command 'ferry-test-missing-tool' for etl/missing: not found on the agent's PATH;"
            + " fix: install it")
        .contains("2 problem(s) to mend");
    JsonNode report = Json.tree(ferry.run("doctor", "-q", "etl,elt", "-o", "json").out());
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("checks").findValuesAsText("status")).filteredOn("FAILED"::equals).hasSize(2);
  }

  @Test
  void theServersKeyIsCheckedAndAWrongOneIsRefused() throws Exception {
    Vertx vertx = Vertx.vertx();
    ServerOptions embedded = ServerOptions.embedded(root.resolve("server.db"));
    try (FerryServer server = FerryServer.start(vertx,
        new ServerOptions(embedded.databaseUrl(), embedded.host(), 0, "right-key", embedded.services()))) {
      String api = server.apiUrl().toString();

      Result wrong = ferry.withEnv(Map.of("PREFECT_API_KEY", "wrong-key")).run("doctor", "--api", api);
      Result right = ferry.withEnv(Map.of("PREFECT_API_KEY", "right-key")).run("doctor", "--api", api);

      assertThat(wrong.exitCode()).isEqualTo(1);
      assertThat(wrong.out()).contains("API key: refused by the server (401); fix: set PREFECT_API_KEY");
      assertThat(right.exitCode()).as(right.out()).isZero();
      assertThat(right.out()).contains("API " + api + ": answers: a ferry server of Prefect API 2.7.12")
          .contains("API key: accepted");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void anApiThatDoesNotAnswerIsNamedWithHowToStartIt() throws Exception {
    Result doctor = ferry.run("doctor", "--api", "http://127.0.0.1:9/api");

    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out()).contains("API http://127.0.0.1:9/api: cannot connect")
        .contains("fix: start it ('ferry server start')");
  }
}

package dev.ferry.cli;

import static dev.ferry.storage.s3.EmbeddedS3Proxy.ACCESS_KEY_ID;
import static dev.ferry.storage.s3.EmbeddedS3Proxy.SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryProcess.Result;
import dev.ferry.json.Json;
import dev.ferry.storage.IgnoreRules;
import dev.ferry.storage.azure.TestAzurite;
import dev.ferry.storage.github.GitDaemon;
import dev.ferry.storage.github.UserClone;
import dev.ferry.storage.s3.EmbeddedS3Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code in a remote store runs where the project is not: {@code deployment build -sb} uploads it,
 * the project is deleted, and an agent started in another folder downloads it and runs it to
 * COMPLETED. The flow sits in a subfolder and imports a package of its own project, so the whole
 * tree must arrive as it was.
 */
class RemoteStorageIT {
  private static EmbeddedS3Proxy s3;

  @TempDir Path root;
  private Path project;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = EmbeddedS3Proxy.shared();
  }


  @BeforeEach
  void project() throws Exception {
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows/etl"));
    Files.createDirectories(project.resolve("common"));
    Files.writeString(project.resolve("flows/etl/flow.py"), """
        from common.text import shout

        def etl(name: str = "nobody"):
            print(shout(name + " arrived"))
        """);
    Files.writeString(project.resolve("common/__init__.py"), "");
    Files.writeString(project.resolve("common/text.py"), "def shout(text):\n    return text.upper()\n");
  }

  /** Ferry in {@code dir}, its S3 requests sent to the test's s3proxy as AWS's own variables say. */
  private FerryProcess ferry(Path dir) throws Exception {
    return new FerryProcess(Files.createDirectories(dir), root.resolve("home")).withEnv(Map.of(
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "AWS_REGION", "us-east-1",
        "AWS_EC2_METADATA_DISABLED", "true"));
  }

  private Result ok(FerryProcess ferry, String... args) throws Exception {
    Result result = ferry.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.out() + result.err()).isZero();
    return result;
  }

  @Test
  void anS3BlockCarriesTheCodeToAnAgentElsewhere() throws Exception {
    String bucket = s3.newBucket();
    ok(ferry(project), "block", "create", "s3", "dev", "--set", "bucket_path=" + bucket + "/code",
        "--set", "aws_access_key_id=" + ACCESS_KEY_ID, "--set", "aws_secret_access_key=" + SECRET_ACCESS_KEY);

    runsElsewhere("s3/dev/etl", "Uploaded 4 files \\(.+\\) to s3://" + bucket + "/code/etl in ");
  }

  @Test
  void credentialsReplacedOnTheBlockTakeEffectAtTheNextRunWithoutRebuilding() throws Exception {
    String bucket = s3.newBucket();
    FerryProcess developer = ferry(project);
    ok(developer, "block", "create", "s3", "rotating", "--set", "bucket_path=" + bucket + "/code",
        "--set", "aws_access_key_id=" + ACCESS_KEY_ID, "--set", "aws_secret_access_key=" + SECRET_ACCESS_KEY);
    ok(developer, "deployment", "build", "flows/etl/flow.py:etl", "-n", "rotating", "-q", "rotating",
        "-sb", "s3/rotating/etl", "--apply");
    FerryProcess agent = ferry(root.resolve("elsewhere"));

    ok(developer, "block", "create", "s3", "rotating", "--overwrite", "--set", "bucket_path=" + bucket + "/code",
        "--set", "aws_access_key_id=" + ACCESS_KEY_ID, "--set", "aws_secret_access_key=an-old-secret");
    String refused = ok(developer, "deployment", "run", "etl/rotating").runId();
    assertThat(agent.run("agent", "start", "-q", "rotating", "--run-once").exitCode()).isEqualTo(1);
    FerryProcess.Result crashed = ok(agent, "flow-run", "inspect", refused);
    assertThat(Json.tree(crashed.out()).at("/state/type").asText()).isEqualTo("CRASHED");
    assertThat(Json.tree(crashed.out()).at("/state/message").asText())
        .contains("s3://" + bucket + "/code/etl").contains("aws_access_key_id").doesNotContain("an-old-secret");

    Result replaced = ok(developer, "block", "create", "s3", "rotating", "--overwrite", "--set",
        "bucket_path=" + bucket + "/code", "--set", "aws_access_key_id=" + ACCESS_KEY_ID,
        "--set", "aws_secret_access_key=" + SECRET_ACCESS_KEY);
    assertThat(replaced.out()).contains("Replaced the fields of block 's3/rotating'");
    String accepted = ok(developer, "deployment", "run", "etl/rotating", "--param", "name=rotated").runId();
    ok(agent, "agent", "start", "-q", "rotating", "--run-once");
    assertThat(Json.tree(ok(agent, "flow-run", "inspect", accepted).out()).at("/state/type").asText())
        .isEqualTo("COMPLETED");
    assertThat(ok(agent, "flow-run", "logs", accepted).out()).contains("ROTATED ARRIVED");
  }

  @Test
  void aRemoteFileSystemBlockOnS3CarriesTheCodeToAnAgentElsewhere() throws Exception {
    String bucket = s3.newBucket();
    String settings = Json.write(Map.of("key", ACCESS_KEY_ID, "secret", SECRET_ACCESS_KEY,
        "client_kwargs", Map.of("endpoint_url", s3.endpoint().toString())));
    ok(ferry(project), "block", "create", "remote-file-system", "dev", "--set", "basepath=s3://" + bucket + "/code",
        "--set", "settings=" + settings);

    runsElsewhere("remote-file-system/dev/etl", "Uploaded 4 files \\(.+\\) to s3://" + bucket + "/code/etl in ");
  }

  @Test
  void anAzureBlockCarriesTheCodeToAnAgentElsewhere() throws Exception {
    String container = "ferry-e2e-" + UUID.randomUUID();
    TestAzurite.client().createBlobContainer(container);
    try {
      ok(ferry(project), "block", "create", "azure", "dev", "--set", "bucket_path=" + container + "/code",
          "--set", "azure_storage_connection_string=" + TestAzurite.connectionString(TestAzurite.KEY));

      runsElsewhere("azure/dev/etl", "Uploaded 4 files \\(.+\\) to az://" + container + "/code/etl in ");
    } finally {
      TestAzurite.client().deleteBlobContainer(container);
    }
  }

  @Test
  void aGithubBlockBringsPushedCodeToAnAgentElsewhere() throws Exception {
    Path repositories = Files.createDirectories(root.resolve("repositories"));
    UserClone.bareRepository(repositories.resolve("flows.git"));
    try (GitDaemon daemon = GitDaemon.start(repositories);
        UserClone clone = UserClone.init(root.resolve("clone"), daemon.url("flows.git"))) {
      clone.push(project, "", IgnoreRules.none());
      ok(ferry(project), "block", "create", "github", "dev", "--set", "repository=" + daemon.url("flows.git"));

      runsElsewhere("github/dev", "Nothing uploaded: github/dev is read-only; the code must already be at "
          + daemon.url("flows.git"));
    }
  }

  /**
   * Builds the deployment on {@code storage} (its output matching {@code built}), runs it, deletes the
   * project, and has an agent in another folder run it.
   */
  private void runsElsewhere(String storage, String built) throws Exception {
    FerryProcess developer = ferry(project);
    Result build = ok(developer, "deployment", "build", "flows/etl/flow.py:etl", "-n", "remote", "-q", "remote",
        "-sb", storage, "--apply");
    assertThat(build.out()).containsPattern(built);
    String runId = ok(developer, "deployment", "run", "etl/remote", "--param", "name=remote code").runId();
    try (Stream<Path> files = Files.walk(project)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }

    FerryProcess agent = ferry(root.resolve("elsewhere"));
    ok(agent, "agent", "start", "-q", "remote", "--run-once");

    assertThat(Json.tree(ok(agent, "flow-run", "inspect", runId).out()).at("/state/type").asText())
        .isEqualTo("COMPLETED");
    assertThat(ok(agent, "flow-run", "logs", runId).out()).contains("REMOTE CODE ARRIVED");
  }
}

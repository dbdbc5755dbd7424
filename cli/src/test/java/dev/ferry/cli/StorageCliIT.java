package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryProcess.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code moved by hand: {@code storage push}, {@code deployment apply --upload} and {@code storage pull}. */
class StorageCliIT {
  @TempDir Path root;
  private Path project;
  private Path store;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("flows/helpers"));
    Files.writeString(project.resolve("flows/etl.py"), "from helpers.text import shout\n\ndef etl():\n    print(shout('etl'))\n");
    Files.writeString(project.resolve("flows/helpers/text.py"), "def shout(s):\n    return s.upper()\n");
    Files.writeString(project.resolve("scratch.log"), "left out");
    Files.writeString(project.resolve(".prefectignore"), "*.log\n");
    store = Files.createDirectories(root.resolve("store"));
    ferry = new FerryProcess(project, root.resolve("home"));
    ok("block", "create", "local-file-system", "shared", "--set", "basepath=" + store);
  }

  private Result ok(String... args) throws Exception {
    Result result = ferry.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }

  @Test
  void pushUploadsWhatTheIgnoreFileKeepsAndSaysHowMuchAndWhere() throws Exception {
    Result push = ok("storage", "push", "local-file-system/shared/etl");

    assertThat(push.out()).containsPattern("Uploaded 3 files \\([0-9.]+ k?B\\) to " + store.resolve("etl") + " in \\d+\\.\\d s");
    assertThat(store.resolve("etl/flows/helpers/text.py")).exists();
    assertThat(store.resolve("etl/.ferry/manifest.json")).exists();
    assertThat(store.resolve("etl/scratch.log")).doesNotExist();
  }

  @Test
  void applyWithUploadSendsTheCodeAndPullBringsARunsCodeBack() throws Exception {
    ok("deployment", "build", "flows/etl.py:etl", "-n", "dev", "-q", "etl", "-sb", "local-file-system/shared/etl",
        "--skip-upload", "-o", "etl.yaml");
    assertThat(store.resolve("etl")).doesNotExist();

    Result apply = ok("deployment", "apply", "etl.yaml", "--upload");
    assertThat(apply.out()).contains("Uploaded 4 files").contains("Deployment 'etl/dev' applied");
    String runId = ok("deployment", "run", "etl/dev").runId();

    Result pull = ok("storage", "pull", "--flow-run-id", runId, "--dest", "pulled");
    assertThat(pull.out()).containsPattern("Downloaded 4 files \\([0-9.]+ k?B\\) from " + store.resolve("etl") + " in ");
    assertThat(project.resolve("pulled/flows/helpers/text.py")).hasContent("def shout(s):\n    return s.upper()");
    assertThat(project.resolve("pulled/etl.yaml")).exists();

    ok("storage", "pull", "--deployment", "etl/dev", "--dest", "pulled");
    assertThat(project.resolve("pulled/flows/etl.py")).as("a second pull replaces the first").exists();
  }

  /** What a pod's init container does: the code and the launcher, or (code in the image) the launcher alone. */
  @Test
  void pullWritesTheLauncherBesideTheCodeOrAlone() throws Exception {
    ok("deployment", "build", "flows/etl.py:etl", "-n", "dev", "-q", "etl", "-sb", "local-file-system/shared/etl",
        "--apply");
    String runId = ok("deployment", "run", "etl/dev").runId();

    Result both = ok("storage", "pull", "--flow-run-id", runId, "--dest", "both", "--launcher");
    Result alone = ok("storage", "pull", "--flow-run-id", runId, "--dest", "alone", "--launcher", "--no-code");

    assertThat(both.out()).contains("Downloaded 3 files").contains("Wrote the ferry launcher to "
        + project.resolve("both/.ferry/launcher.py"));
    assertThat(project.resolve("both/flows/etl.py")).exists();
    assertThat(alone.out()).doesNotContain("Downloaded");
    assertThat(project.resolve("alone/.ferry/launcher.py")).content().contains("import");
    assertThat(project.resolve("alone/flows")).doesNotExist();
  }

  /**
   * The gcs block's code and SDK come from its plugin jar beside ferry.jar: with no GCS emulator that
   * runs here, the push reaches the SDK's HTTP call, to an emulator address where nothing listens,
   * and says so in one line.
   */
  @Test
  void aGcsBlockLoadsFromItsPluginAndSaysWhyItCannotReachItsStore() throws Exception {
    String nothingListens;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nothingListens = "http://127.0.0.1:" + socket.getLocalPort();
    }
    FerryProcess gcs = ferry.withEnv(Map.of("STORAGE_EMULATOR_HOST", nothingListens));
    ok("block", "create", "gcs", "code", "--set", "bucket_path=ferry-code/flows");

    Result push = gcs.run("storage", "push", "gcs/code");

    assertThat(push.exitCode()).as(push.err()).isEqualTo(1);
    assertThat(push.err()).contains("gs://ferry-code/flows").contains("cannot reach " + nothingListens)
        .contains("start the storage emulator there").doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void pullOfADeploymentWithoutCodeSaysSo() throws Exception {
    Result pull = ferry.run("storage", "pull", "--deployment", "nope/dev", "--dest", "x");

    assertThat(pull.exitCode()).isEqualTo(1);
    assertThat(pull.err()).contains("Deployment 'nope/dev' does not exist");
  }
}

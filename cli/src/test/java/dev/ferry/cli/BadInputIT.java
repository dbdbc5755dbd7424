package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input ends with one line that names the thing at fault and the fix, and a non-zero exit code; a mistake
 * in a YAML file adds that line of the file and a caret under the place.
 */
class BadInputIT {
  @TempDir Path root;
  private Path project;
  private FerryProcess ferry;

  @BeforeEach
  void project() throws Exception {
    project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("etl.py"), "def etl(n: int = 1):\n    print(n)\n\ndef helper():\n    pass\n");
    ferry = new FerryProcess(project, root.resolve("home"));
  }

  private void assertOneLineError(Result result, String... fragments) {
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
    assertThat(result.err()).startsWith("Error: ").contains(fragments);
  }

  @Test
  void missingEntrypointFileIsNamed() throws Exception {
    assertOneLineError(ferry.run("deployment", "build", "flows/nope.py:etl", "-n", "x"), "flows/nope.py", "does not exist");
  }

  @Test
  void missingFunctionIsNamedWithTheOnesThatExist() throws Exception {
    assertOneLineError(ferry.run("deployment", "build", "etl.py:transform", "-n", "x"), "'transform'", "etl, helper");
  }

  /** A YAML mistake is said as a compiler says it: file, line and column, then the line and a caret, no stack trace. */
  @Test
  void badlyIndentedManifestIsShownAtItsLineAndColumn() throws Exception {
    Files.writeString(project.resolve("bad.yaml"), "name: x\ndescription: nightly\n  flow_name: etl\n");
    assertFailsPrinting(ferry.run("deployment", "apply", "bad.yaml"), """
        Error: bad.yaml:3:12: mapping values are not allowed here
          flow_name: etl
                   ^
        """);
  }

  @Test
  void keyWrittenTwiceInAManifestIsAnError() throws Exception {
    Files.writeString(project.resolve("twice.yaml"), "name: x\nflow_name: etl\nentrypoint: etl.py:etl\nname: y\n");
    assertFailsPrinting(ferry.run("deployment", "apply", "twice.yaml"), """
        Error: twice.yaml:4:1: duplicate key 'name'
        name: y
        ^
        """);
  }

  @Test
  void tabInABlockFileIsShownAtItsLine() throws Exception {
    Files.writeString(project.resolve("local.yaml"), "command:\n\t- python\n");
    assertFailsPrinting(ferry.run("block", "create", "process", "local", "-f", "local.yaml"), """
        Error: local.yaml:2:1: found a tab character where an indentation space is expected
        \t- python
        ^
        """);
  }

  private static void assertFailsPrinting(Result result, String err) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(err);
  }

  @Test
  void unknownBlockSaysHowToCreateIt() throws Exception {
    assertOneLineError(ferry.run("deployment", "build", "etl.py:etl", "-n", "x", "-ib", "process/missing"),
        "'process/missing' does not exist", "ferry block create");
  }

  @Test
  void overrideKeyThatIsNotAFieldListsTheFields() throws Exception {
    assertOneLineError(ferry.run("deployment", "build", "etl.py:etl", "-n", "x", "--override", "comand=[]"),
        "'comand' is not a field of block type 'process'", "command");
  }

  @Test
  void infrastructureValuesAreCheckedWhenTheDeploymentIsBuilt() throws Exception {
    assertThat(ferry.run("block", "create", "docker-container", "etl", "--set", "image=busybox").exitCode()).isZero();

    assertOneLineError(ferry.run("deployment", "build", "etl.py:etl", "-n", "x", "-ib", "docker-container/etl",
        "--override", "mem_limit=-5"), "Field 'mem_limit' of block type 'docker-container' is -5", "64m");
    assertOneLineError(ferry.run("deployment", "build", "etl.py:etl", "-n", "x", "-ib", "docker-container/etl",
        "--override", "volumes=[\"no-container-path\"]"), "'volumes'", "'no-container-path'");
    assertThat(project.resolve("etl-deployment.yaml")).as("nothing written").doesNotExist();
  }

  /** The kubernetes-job plugin, loaded from its jar, builds the Job with the patch: one that does not apply fails. */
  @Test
  void aKubernetesCustomizationThatDoesNotApplyIsRefusedWhenTheDeploymentIsBuilt() throws Exception {
    assertThat(ferry.run("block", "create", "kubernetes-job", "etl", "--set", "image=repo/etl:1.4").exitCode())
        .isZero();

    assertOneLineError(ferry.run("deployment", "build", "etl.py:etl", "-n", "x", "-ib", "kubernetes-job/etl",
        "--override", "customizations=[{\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/2/image\","
            + " \"value\": \"x\"}]"), "customizations[0] (replace /spec/template/spec/containers/2/image)",
        "ferry flow-run explain");
    assertThat(project.resolve("etl-deployment.yaml")).as("nothing written").doesNotExist();
  }

  @Test
  void apiThatDoesNotAnswerIsNamed() throws Exception {
    assertOneLineError(ferry.run("deployment", "ls", "--api", "http://127.0.0.1:9/api"),
        "http://127.0.0.1:9/api", "ferry server start");
  }

  @Test
  void unknownDeploymentSaysHowToListThem() throws Exception {
    assertOneLineError(ferry.run("deployment", "run", "etl/nope"), "'etl/nope' does not exist", "ferry deployment ls");
  }
}

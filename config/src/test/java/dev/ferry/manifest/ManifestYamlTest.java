package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.error.InvalidInputException;
import dev.ferry.testing.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestYamlTest {
  @TempDir Path dir;

  @Test
  void readsTheManifestPrefectWrote() throws Exception {
    DeploymentManifest manifest = ManifestYaml.read(dir, recorded("hello-deployment.yaml"));
    assertThat(manifest.name()).isEqualTo("dev");
    assertThat(manifest.flowName()).isEqualTo("hello");
    assertThat(manifest.entrypoint()).isEqualTo("hello.py:hello");
    assertThat(DeploymentManifest.blockSlug(manifest.infrastructure())).isEqualTo("process");
    assertThat(manifest.parameterOpenapiSchema().at("/properties/name/default").asText()).isEqualTo("world");
  }

  @Test
  void readsSavedBlocksAndOverridesOfAKubernetesManifest() throws Exception {
    DeploymentManifest manifest = ManifestYaml.read(dir, recorded("etl.yaml"));
    assertThat(manifest.infraOverrides().get("env.LOG_LEVEL").asText()).isEqualTo("DEBUG");
    assertThat(manifest.storage().get(DeploymentManifest.BLOCK_DOCUMENT_ID).asText())
        .isEqualTo("d145b115-2a23-4ac4-9f8e-fc634359bf18");
    assertThat(manifest.tags()).containsExactly("etl", "team-a");
  }

  @Test
  void writtenManifestHasPrefectsLayoutAndReadsBackEqual() throws Exception {
    DeploymentManifest original = ManifestYaml.read(dir, recorded("hello-deployment.yaml"));
    Path file = dir.resolve("out.yaml");
    ManifestYaml.write(original, file);
    String text = Files.readString(file);
    assertThat(text).startsWith("###\n### A complete description of a Prefect Deployment for flow 'hello'\n###\n");
    assertThat(text).contains("# The work queue that will handle this deployment's runs\nwork_queue_name: dev");
    assertThat(text.indexOf("infrastructure:")).as("an unsaved block is editable, above the line")
        .isLessThan(text.indexOf("DO NOT EDIT BELOW THIS LINE"));
    assertThat(text.indexOf("entrypoint:")).isGreaterThan(text.indexOf("DO NOT EDIT BELOW THIS LINE"));
    assertThat(ManifestYaml.read(dir, file)).isEqualTo(original);
  }

  @Test
  void badIndentationIsShownAtItsLineAndColumn() throws Exception {
    assertThatReading("name: dev\n  flow_name: hello\n").hasMessage("""
        bad.yaml:2:12: mapping values are not allowed here
          flow_name: hello
                   ^""");
    assertThatReading("name: dev\nparameters:\n  n: 1\n m: 2\n").hasMessage("""
        bad.yaml:4:2: bad indentation: this line lines up with no line above it
         m: 2
         ^""");
  }

  @Test
  void aKeyThatIsAMappingIsShownWithoutTheParsersOwnWords() throws Exception {
    assertThatReading("name: dev\ninfra_overrides: {{}\nflow_name: hello\n").hasMessage("""
        bad.yaml:2:19: a key must be a single value, not a mapping or a list; is a '{' or '[' too many here?
        infra_overrides: {{}
                          ^""");
  }

  @Test
  void unclosedQuoteIsShownWhereItOpens() throws Exception {
    assertThatReading("name: dev\ndescription: \"the daily load\nflow_name: hello\nentrypoint: etl.py:etl\n")
        .hasMessage("""
            bad.yaml:2:14: the " here is never closed: the file ends inside the quoted value
            description: "the daily load
                         ^""");
  }

  @Test
  void tabInTheIndentationIsShown() throws Exception {
    assertThatReading("name: dev\ntags:\n\t- etl\n").hasMessage("""
        bad.yaml:3:1: found a tab character where an indentation space is expected
        \t- etl
        ^""");
  }

  @Test
  void keyWrittenTwiceIsAnError() throws Exception {
    assertThatReading("name: dev\nflow_name: hello\nname: prod\n").hasMessage("""
        bad.yaml:3:1: duplicate key 'name'
        name: prod
        ^""");
    assertThatReading("name: dev\ninfra_overrides:\n  env.LOG_LEVEL: DEBUG\n  env.LOG_LEVEL: INFO\n").hasMessage("""
        bad.yaml:4:3: duplicate key 'env.LOG_LEVEL'
          env.LOG_LEVEL: INFO
          ^""");
  }

  @Test
  void truncatedManifestIsShownAtWhatItLeftOpen() throws Exception {
    String manifest = Reference.text("hello-deployment.yaml");
    assertThatReading(manifest.substring(0, manifest.indexOf("16:15:43"))).hasMessage("""
        bad.yaml:45:12: the ' here is never closed: the file ends inside the quoted value
        timestamp: '2026-11-29T
                   ^""");
    assertThatReading(manifest.substring(0, manifest.indexOf("point: hello.py"))).hasMessage("""
        bad.yaml:33:1: could not find expected ':'
        entry
        ^""");
  }

  @Test
  void documentThatIsNotAMappingSaysWhatAManifestIs() throws Exception {
    assertThatReading("- name: dev\n- name: prod\n").hasMessage("""
        bad.yaml:1:1: found a list; a deployment manifest is a mapping of keys to values (name: ..., flow_name: ...) \
        as 'ferry deployment build' writes it
        - name: dev
        ^""");
    assertThatReading("###\n# only comments\n").hasMessage("bad.yaml: the file is empty (or holds only comments);"
        + " a deployment manifest is a mapping of keys to values (name: ..., flow_name: ...) as 'ferry deployment"
        + " build' writes it");
  }

  @Test
  void valueOfTheWrongKindIsShownWithItsKey() throws Exception {
    assertThatReading("name: dev\ntags: etl\n").hasMessage("""
        bad.yaml:2:7: 'tags' must be a list
        tags: etl
              ^""");
  }

  @Test
  void manifestWithoutEntrypointSaysHowToMendIt() throws Exception {
    Files.writeString(dir.resolve("partial.yaml"), "name: x\nflow_name: hello\n");
    assertThatThrownBy(() -> ManifestYaml.read(dir, Path.of("partial.yaml")))
        .hasMessageContaining("has no 'entrypoint'")
        .hasMessageContaining("ferry deployment build");
  }

  @Test
  void missingManifestSaysHowToWriteOne() {
    assertThatThrownBy(() -> ManifestYaml.read(dir, Path.of("none.yaml"))).hasMessage("Manifest none.yaml does not"
        + " exist; write one with 'ferry deployment build -o none.yaml'");
  }

  /** A recorded manifest, as a file of its own (the reader names the file in its errors). */
  private Path recorded(String name) throws Exception {
    return Files.writeString(dir.resolve(name), Reference.text(name));
  }

  /** What reading a manifest file {@code bad.yaml} that holds {@code text} throws. */
  private AbstractThrowableAssert<?, ?> assertThatReading(String text) throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), text);
    return assertThatThrownBy(() -> ManifestYaml.read(dir, Path.of("bad.yaml")))
        .isInstanceOf(InvalidInputException.class);
  }
}

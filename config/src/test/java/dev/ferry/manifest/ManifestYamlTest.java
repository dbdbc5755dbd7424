package dev.ferry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testing.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestYamlTest {
  @TempDir Path dir;

  @Test
  void readsTheManifestPrefectWrote() throws Exception {
    DeploymentManifest manifest = ManifestYaml.read(recorded("hello-deployment.yaml"));
    assertThat(manifest.name()).isEqualTo("dev");
    assertThat(manifest.flowName()).isEqualTo("hello");
    assertThat(manifest.entrypoint()).isEqualTo("hello.py:hello");
    assertThat(DeploymentManifest.blockSlug(manifest.infrastructure())).isEqualTo("process");
    assertThat(manifest.parameterOpenapiSchema().at("/properties/name/default").asText()).isEqualTo("world");
  }

  @Test
  void readsSavedBlocksAndOverridesOfAKubernetesManifest() throws Exception {
    DeploymentManifest manifest = ManifestYaml.read(recorded("etl.yaml"));
    assertThat(manifest.infraOverrides().get("env.LOG_LEVEL").asText()).isEqualTo("DEBUG");
    assertThat(manifest.storage().get(DeploymentManifest.BLOCK_DOCUMENT_ID).asText())
        .isEqualTo("d145b115-2a23-4ac4-9f8e-fc634359bf18");
    assertThat(manifest.tags()).containsExactly("etl", "team-a");
  }

  @Test
  void writtenManifestHasPrefectsLayoutAndReadsBackEqual() throws Exception {
    DeploymentManifest original = ManifestYaml.read(recorded("hello-deployment.yaml"));
    Path file = dir.resolve("out.yaml");
    ManifestYaml.write(original, file);
    String text = Files.readString(file);
    assertThat(text).startsWith("###\n### A complete description of a Prefect Deployment for flow 'hello'\n###\n");
    assertThat(text).contains("# The work queue that will handle this deployment's runs\nwork_queue_name: dev");
    assertThat(text.indexOf("infrastructure:")).as("an unsaved block is editable, above the line")
        .isLessThan(text.indexOf("DO NOT EDIT BELOW THIS LINE"));
    assertThat(text.indexOf("entrypoint:")).isGreaterThan(text.indexOf("DO NOT EDIT BELOW THIS LINE"));
    assertThat(ManifestYaml.read(file)).isEqualTo(original);
  }

  @Test
  void malformedManifestErrorNamesTheFileAndLine() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: x\nflow_name: hello\ntags: {oops\n");
    assertThatThrownBy(() -> ManifestYaml.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("line 3");
  }

  @Test
  void manifestWithoutEntrypointSaysHowToMendIt() throws Exception {
    Path file = dir.resolve("partial.yaml");
    Files.writeString(file, "name: x\nflow_name: hello\n");
    assertThatThrownBy(() -> ManifestYaml.read(file)).hasMessageContaining("has no 'entrypoint'")
        .hasMessageContaining("ferry deployment build");
  }

  @Test
  void missingManifestSaysHowToWriteOne() {
    assertThatThrownBy(() -> ManifestYaml.read(dir.resolve("none.yaml"))).hasMessageContaining("does not exist");
  }

  /** A recorded manifest, as a file of its own (the reader names the file in its errors). */
  private Path recorded(String name) throws Exception {
    return Files.writeString(dir.resolve(name), Reference.text(name));
  }
}

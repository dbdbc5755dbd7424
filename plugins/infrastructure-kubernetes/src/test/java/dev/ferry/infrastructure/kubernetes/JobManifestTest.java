package dev.ferry.infrastructure.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Job a block makes for a run, compared with the Jobs in {@code src/test/resources/golden/} as trees, and
 * the one-line errors for a Job Kubernetes would refuse.
 */
class JobManifestTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, String> AGENT_ENV = Map.of("FERRY_IMAGE", "ghcr.io/ferry/ferry:0.1.0");
  private static final Map<String, String> RUN_ENV = Map.of("PREFECT_API_URL", "http://ferry:4200/api",
      "PREFECT__FLOW_RUN_ID", "0b6f3c2e-4c3a-4f7e-9a55-0c1c5a1d2e3f", "LOG_LEVEL", "INFO");

  @Test
  void theDefaultBlockMakesPrefectsJobWithTheCodePulledByAnInitContainer() throws IOException {
    assertGolden("default", build(Map.of(), null));
  }

  @Test
  void theBlocksFieldsGoIntoTheJob() throws IOException {
    assertGolden("fields", build(Map.of("namespace", "flows", "service_account_name", "runner",
        "image_pull_policy", "Always", "image", "registry.example.com/etl:1.4", "finished_job_ttl", 600,
        "labels", Map.of("team", "Data Platform", "example.com/cost center", "42"), "name", "Nightly ETL: the big one",
        "command", List.of("python3", "-m", "etl")), null));
  }

  @Test
  void anOverrideOfOneVariableReplacesTheRunsValue() throws IOException {
    assertGolden("env-override", build(Map.of("env", Map.of("LOG_LEVEL", "DEBUG")), null));
  }

  @Test
  void customizationsAddResourcesAndANodeSelector() throws IOException {
    assertGolden("customized", build(Map.of("customizations", List.of(
        Map.of("op", "add", "path", "/spec/template/spec/containers/0/resources",
            "value", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"))),
        Map.of("op", "add", "path", "/spec/template/spec/nodeSelector", "value", Map.of("pool", "flows")))), null));
  }

  @Test
  void aCustomizationThatReplacesTheEnvKeepsTheRunsVariables() throws IOException {
    String patch = Json.write(List.of(Map.of("op", "replace", "path", "/spec/template/spec/containers/0/env",
        "value", List.of(Map.of("name", "EXTRA_PIP_PACKAGES", "value", "pandas")))));
    assertGolden("env-replaced", build(Map.of("customizations", patch), null));
  }

  @Test
  void codeInTheImageWithACommandNeedsNoInitContainer() throws IOException {
    JobManifest manifest = build(Map.of("command", List.of("python3", "flow.py"), "image", "etl:2"), "/opt/etl");
    assertGolden("code-in-image", manifest);
    assertThat(manifest.usesDefaultCommand()).isFalse();
    assertThat(manifest.workingDir()).isEqualTo("/opt/etl");
  }

  @Test
  void theLauncherWithCodeInTheImageIsPulledAloneAndTheImagesFolderIsKept() {
    ObjectNode podSpec = (ObjectNode) build(Map.of(), "").job().path("spec").path("template").path("spec");

    assertThat(podSpec.path("initContainers").get(0).path("args").toString())
        .endsWith("\"--dest\",\"/opt/ferry/run\",\"--launcher\",\"--no-code\"]");
    assertThat(podSpec.path("containers").get(0).has("workingDir")).isFalse();
  }

  @Test
  void aPatchThatCannotBeAppliedNamesItsOperation() {
    List<Map<String, Object>> patch = List.of(
        Map.of("op", "add", "path", "/spec/template/spec/nodeSelector", "value", Map.of("pool", "flows")),
        Map.of("op", "remove", "path", "/spec/template/spec/nodeSelector/pool"),
        Map.of("op", "replace", "path", "/spec/template/spec/containers/3/env", "value", List.of()));

    assertThatThrownBy(() -> build(Map.of("customizations", patch), null))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("customizations[2] (replace /spec/template/spec/containers/3/env): ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aPatchThatCannotBeAppliedIsRefusedWhenTheInfrastructureIsMadeBeforeAnyRun() {
    List<Map<String, Object>> patch = List.of(Map.of("op", "remove", "path", "/spec/template/spec/nodeSelector"));

    assertThatThrownBy(() -> KubernetesInfrastructure.fromBlock((ObjectNode) Json.toTree(
        Map.of("customizations", patch)))).isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("customizations[0] (remove /spec/template/spec/nodeSelector): ");
  }

  @Test
  void aJobKubernetesWouldRefuseIsAOneLineError() {
    assertRefused(Map.of("customizations", List.of(Map.of("op", "replace",
        "path", "/spec/template/spec/restartPolicy", "value", "Always"))), "has restartPolicy 'Always'");
    assertRefused(Map.of("customizations", List.of(Map.of("op", "add", "path", "/metadata/name",
        "value", "Nightly_ETL"))), "is named 'Nightly_ETL'");
    assertRefused(Map.of("customizations", List.of(Map.of("op", "add", "path", "/metadata/labels/team",
        "value", "x".repeat(64)))), "has label team = ");
    assertRefused(Map.of("job", Map.of("apiVersion", "batch/v1", "kind", "Job", "spec",
        Map.of("template", Map.of("spec", Map.of("containers", List.of()))))), "has no container");
  }

  @Test
  void withoutTheFerryImageARunThatNeedsItCannotBePrepared() {
    KubernetesBlock block = KubernetesBlock.fromData(Json.object());
    assertThatThrownBy(() -> JobManifest.of(block, run(null), Map.of()))
        .hasMessageContaining("FERRY_IMAGE is not set").hasMessageContaining("ferry kubernetes manifest agent");
  }

  @Test
  void namesAndLabelsAreSluggedAsPrefectSlugsThem() {
    assertThat(Slug.jobName("Crimson Otter's run")).isEqualTo("crimson-otters-run");
    assertThat(Slug.jobName("a".repeat(60))).hasSize(Slug.JOB_NAME_LENGTH);
    assertThat(Slug.jobName("***")).isEmpty();
    assertThat(Slug.labelValue("Ünïcode flow (v2)")).isEqualTo("unicode-flow-v2");
    assertThat(Slug.labelKey("Example.com/Cost Center")).isEqualTo("example.com/cost-center");
    assertThat(Slug.validJobName("nightly-etl-x7k2p")).isTrue();
    assertThat(Slug.validJobName("-nightly")).isFalse();
  }

  static JobManifest build(Map<String, ?> fields, String imageCodePath) {
    return JobManifest.of(KubernetesBlockTest.block(fields), run(imageCodePath), AGENT_ENV);
  }

  static RunContext run(String imageCodePath) {
    return new RunContext(UUID.fromString("0b6f3c2e-4c3a-4f7e-9a55-0c1c5a1d2e3f"), "crimson-otter", "etl",
        "nightly", Path.of("/tmp/run"), RUN_ENV, List.of("python3", "/tmp/run/.ferry/launcher.py"),
        Path.of("/tmp/run/.ferry/launcher.py"), imageCodePath);
  }

  private static void assertRefused(Map<String, ?> fields, String message) {
    assertThatThrownBy(() -> build(fields, null)).isInstanceOf(InfrastructureException.class)
        .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static void assertGolden(String name, JobManifest manifest) throws IOException {
    try (InputStream golden = JobManifestTest.class.getResourceAsStream("/golden/" + name + ".yaml")) {
      assertThat(golden).as("golden/" + name + ".yaml; the Job built:\n" + YAML.writeValueAsString(manifest.job()))
          .isNotNull();
      JsonNode expected = YAML.readTree(golden);
      assertThat(manifest.job()).as("the Job built:\n" + YAML.writeValueAsString(manifest.job()))
          .isEqualTo(expected);
    }
  }
}

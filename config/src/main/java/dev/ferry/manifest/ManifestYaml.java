package dev.ferry.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.json.Yaml;
import dev.ferry.json.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes deployment manifests in Prefect 2.7's layout: an editable part, then the part
 * below "DO NOT EDIT BELOW THIS LINE" that build fills in.
 */
public final class ManifestYaml {
  private static final List<String> EDITABLE = List.of("name", "description", "version", "work_queue_name",
      "work_pool_name", "tags", "parameters", "schedule", "is_schedule_active", "infra_overrides");

  private ManifestYaml() {}

  public static String write(DeploymentManifest manifest) {
    ObjectNode all = Json.MAPPER.valueToTree(manifest);
    ObjectNode top = Json.object();
    ObjectNode bottom = Json.object();
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : all.properties()) {
      boolean editable = EDITABLE.contains(e.getKey())
          || (e.getKey().equals("infrastructure") && !e.getValue().has(DeploymentManifest.BLOCK_DOCUMENT_ID));
      (editable ? top : bottom).set(e.getKey(), e.getValue());
    }
    return "###\n### A complete description of a Prefect Deployment for flow '" + manifest.flowName() + "'\n###\n"
        + Yaml.write(top).replace("\nwork_queue_name:", "\n# The work queue that will handle this deployment's runs\nwork_queue_name:")
        + "\n###\n### DO NOT EDIT BELOW THIS LINE\n###\n"
        + Yaml.write(bottom);
  }

  public static void write(DeploymentManifest manifest, Path file) {
    try {
      Files.writeString(file, write(manifest));
    } catch (IOException e) {
      throw new InvalidInputException("Cannot write the manifest to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads manifest {@code file}, relative to {@code dir} unless absolute; a malformed one fails with the file
   * named as given, the line and column at fault.
   */
  public static DeploymentManifest read(Path dir, Path file) {
    DeploymentManifest manifest = YamlFile.read(dir, file, "Manifest " + file + " does not exist; write one with"
        + " 'ferry deployment build -o " + file + "'").readMapping(DeploymentManifest.class, "a deployment manifest is"
        + " a mapping of keys to values (name: ..., flow_name: ...) as 'ferry deployment build' writes it");
    require(file, "name", manifest.name());
    require(file, "flow_name", manifest.flowName());
    require(file, "entrypoint", manifest.entrypoint());
    return manifest;
  }

  private static void require(Path file, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("Manifest " + file + " has no '" + key + "'; rebuild it with 'ferry deployment build'");
    }
  }
}

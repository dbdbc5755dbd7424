package dev.ferry.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Prefect 2.7 deployment manifest, the YAML that {@code deployment build} writes and
 * {@code deployment apply} reads. Block sections hold the block's data plus Prefect's private
 * keys ({@code _block_document_id}, {@code _block_type_slug}...).
 */
@JsonPropertyOrder({"name", "description", "version", "work_queue_name", "work_pool_name", "tags", "parameters",
    "schedule", "is_schedule_active", "infra_overrides", "infrastructure", "flow_name", "manifest_path", "storage",
    "path", "entrypoint", "parameter_openapi_schema", "timestamp"})
public record DeploymentManifest(
    String name,
    String description,
    String version,
    String workQueueName,
    String workPoolName,
    List<String> tags,
    ObjectNode parameters,
    JsonNode schedule,
    Boolean isScheduleActive,
    ObjectNode infraOverrides,
    ObjectNode infrastructure,
    String flowName,
    String manifestPath,
    ObjectNode storage,
    String path,
    String entrypoint,
    JsonNode parameterOpenapiSchema,
    String timestamp) {

  public static final String BLOCK_DOCUMENT_ID = "_block_document_id";
  public static final String BLOCK_TYPE_SLUG = "_block_type_slug";

  /** The block type slug of a manifest block section, or null when the section is empty. */
  public static String blockSlug(ObjectNode block) {
    if (block == null || block.isNull()) {
      return null;
    }
    JsonNode slug = block.hasNonNull(BLOCK_TYPE_SLUG) ? block.get(BLOCK_TYPE_SLUG) : block.get("block_type_slug");
    return slug == null ? block.path("type").asText(null) : slug.asText();
  }

  /** The block's own field values: the section without Prefect's bookkeeping keys. */
  public static ObjectNode blockData(ObjectNode block) {
    ObjectNode data = block.deepCopy();
    data.remove(List.of(BLOCK_DOCUMENT_ID, BLOCK_TYPE_SLUG, "_block_document_name", "_is_anonymous", "block_type_slug"));
    return data;
  }
}

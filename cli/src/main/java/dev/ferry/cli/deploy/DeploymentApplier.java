package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockFields;
import dev.ferry.cli.ApiSession;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.manifest.DeploymentManifest;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import java.util.UUID;

/**
 * Registers a manifest with the API, as Prefect's {@code deployment apply} does: the flow, an
 * anonymous block for an unsaved infrastructure section, then the deployment itself. Every block
 * field and override key is checked against the block type first.
 */
public final class DeploymentApplier {
  private final OrchestrationClient client;
  private final BlockDocuments blocks;

  public DeploymentApplier(OrchestrationClient client) {
    this.client = client;
    this.blocks = new BlockDocuments(client);
  }

  /** Applies a manifest; {@code source} names it in errors. */
  public Deployment apply(DeploymentManifest manifest, String source) {
    try {
      return register(manifest);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("Manifest " + source + ": " + e.getMessage(), e);
    }
  }

  private Deployment register(DeploymentManifest m) {
    ObjectNode overrides = m.infraOverrides() == null ? Json.object() : m.infraOverrides();
    UUID infrastructureId = infrastructure(m.infrastructure(), overrides);
    UUID storageId = storage(m.storage());
    Flow flow = ApiSession.await(client.createFlow(m.flowName()));
    ObjectNode body = Json.object();
    body.put("name", m.name());
    body.put("flow_id", flow.id().toString());
    body.put("version", m.version());
    body.put("description", m.description());
    body.set("schedule", m.schedule());
    if (m.isScheduleActive() != null) {
      body.put("is_schedule_active", m.isScheduleActive());
    }
    body.set("parameters", m.parameters() == null ? Json.object() : m.parameters());
    body.set("tags", Json.toTree(m.tags() == null ? java.util.List.of() : m.tags()));
    body.put("work_queue_name", m.workQueueName() == null ? "default" : m.workQueueName());
    body.set("parameter_openapi_schema", m.parameterOpenapiSchema());
    body.put("path", m.path());
    body.put("entrypoint", m.entrypoint());
    body.put("manifest_path", m.manifestPath());
    body.put("storage_document_id", storageId == null ? null : storageId.toString());
    body.put("infrastructure_document_id", infrastructureId.toString());
    body.set("infra_overrides", overrides);
    Deployment deployment = ApiSession.await(client.createDeployment(body));
    if (m.schedule() != null && !m.schedule().isNull()) {
      ApiSession.await(client.scheduleRuns(deployment.id()));
    }
    return deployment;
  }

  private UUID infrastructure(ObjectNode section, ObjectNode overrides) {
    if (section == null || section.isEmpty()) {
      section = BlockDocuments.defaults(BlockCatalog.bySlug("process"));
    }
    String slug = DeploymentManifest.blockSlug(section);
    if (section.hasNonNull(DeploymentManifest.BLOCK_DOCUMENT_ID)) {
      UUID id = uuid(section, "infrastructure");
      BlockDocument saved = ApiSession.await(client.readBlockDocument(id, false));
      Overrides.validate(new BlockFields(saved.typeSlug(), saved.blockSchema().fields()), overrides);
      InfrastructureValues.check(saved.typeSlug(), saved.data(), overrides);
      return id;
    }
    BlockFields fields = BlockCatalog.bySlug(slug).blockFields();
    Overrides.validate(fields, overrides);
    InfrastructureValues.check(slug, DeploymentManifest.blockData(section), overrides);
    return blocks.create(slug, null, DeploymentManifest.blockData(section)).id();
  }

  private static UUID storage(ObjectNode section) {
    if (section == null || section.isNull() || section.isEmpty()) {
      return null;
    }
    if (!section.hasNonNull(DeploymentManifest.BLOCK_DOCUMENT_ID)) {
      throw new InvalidInputException("section 'storage' has no _block_document_id; save the storage block and build"
          + " with -sb TYPE/NAME");
    }
    return uuid(section, "storage");
  }

  private static UUID uuid(ObjectNode section, String name) {
    String text = section.get(DeploymentManifest.BLOCK_DOCUMENT_ID).asText();
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("key '" + name + "." + DeploymentManifest.BLOCK_DOCUMENT_ID + "' is '" + text
          + "', not a block document id");
    }
  }
}

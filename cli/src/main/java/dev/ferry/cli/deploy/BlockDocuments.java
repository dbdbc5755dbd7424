package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.blocks.BlockFields;
import dev.ferry.cli.ApiSession;
import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.BlockSchema;
import io.vertx.core.Future;
import java.util.Map;

/** Saved blocks as the CLI reads and creates them, with errors that say how to mend a bad reference. */
public final class BlockDocuments {
  private final OrchestrationClient client;

  public BlockDocuments(OrchestrationClient client) {
    this.client = client;
  }

  /** Reads a saved block; a missing one is an error that says how to create it. */
  public BlockDocument read(BlockRef ref, boolean includeSecrets) {
    return ApiSession.await(client.readBlockDocument(ref.slug(), ref.name(), includeSecrets).recover(error -> {
      if (error instanceof ApiException api && api.notFound()) {
        return Future.failedFuture(new InvalidInputException("Block '" + ref + "' does not exist; create it with"
            + " 'ferry block create " + ref.slug() + " " + ref.name() + " --set KEY=VALUE' or list blocks with 'ferry block ls'"));
      }
      return Future.failedFuture(error);
    }));
  }

  /**
   * Replaces the fields of a saved block with {@code data}, as Prefect's {@code save(overwrite=True)}
   * does: every deployment that uses the block sees them at its next run. Null when there is no such block.
   */
  public BlockDocument replace(String slug, String name, ObjectNode data) {
    BlockDocument saved = ApiSession.await(client.readBlockDocument(slug, name, false).recover(error ->
        error instanceof ApiException api && api.notFound() ? Future.succeededFuture() : Future.failedFuture(error)));
    if (saved == null) {
      return null;
    }
    ObjectNode patch = Json.object().put("merge_existing_data", false);
    patch.set("data", data);
    ApiSession.await(client.patchBlockDocument(saved.id(), patch));
    return saved;
  }

  /** Saves a block of a built-in type; a null name saves it anonymously, as deployments do. */
  public BlockDocument create(String slug, String name, ObjectNode data) {
    BlockDefinition definition = BlockCatalog.bySlug(slug);
    BlockFields fields = definition.blockFields();
    data.fieldNames().forEachRemaining(fields::requireField);
    BlockSchema schema = ApiSession.await(client.readBlockSchema(definition.checksum()));
    ObjectNode body = Json.object();
    body.put("name", name);
    body.set("data", data);
    body.put("block_schema_id", schema.id().toString());
    body.put("block_type_id", schema.blockTypeId().toString());
    body.put("is_anonymous", name == null);
    return ApiSession.await(client.createBlockDocument(body).recover(error -> {
      if (error instanceof ApiException api && api.status() == 409) {
        return Future.failedFuture(new InvalidInputException("Block '" + slug + "/" + name + "' already exists;"
            + " replace its fields with --overwrite, pick another name, or inspect it with 'ferry block inspect "
            + slug + "/" + name + "'"));
      }
      return Future.failedFuture(error);
    }));
  }

  /** A block type's fields at their schema defaults (maps empty, others null): the data of a block nobody configured. */
  public static ObjectNode defaults(BlockDefinition definition) {
    ObjectNode data = Json.object();
    for (Map.Entry<String, JsonNode> property : definition.fields().path("properties").properties()) {
      JsonNode fallback = property.getValue().get("default");
      if (fallback != null) {
        data.set(property.getKey(), fallback.deepCopy());
      } else if ("object".equals(property.getValue().path("type").asText())) {
        data.putObject(property.getKey());
      } else {
        data.putNull(property.getKey());
      }
    }
    return data;
  }
}

package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockFields;
import dev.ferry.blocks.SchemaChecksum;
import dev.ferry.error.InvalidInputException;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.BlockType;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.BlockRepository;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.Where;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /block_types}, {@code /block_schemas} and {@code /block_documents}. */
final class BlockRoutes {
  private static final String DOCUMENT_NOT_FOUND = "Block document not found";

  private final Database db;
  private final BlockRepository blocks = new BlockRepository();

  BlockRoutes(Database db) {
    this.db = db;
  }

  void mount(Router api) {
    bind(api.post("/block_types/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      String name = Requests.requiredText(body, "name");
      String slug = Requests.requiredText(body, "slug");
      if (name.toLowerCase().startsWith("prefect")) {
        throw ApiError.detail(403, "Block type names beginning with 'Prefect' are reserved.");
      }
      BlockType type = new BlockType(null, null, null, name, slug, Requests.text(body, "logo_url"),
          Requests.text(body, "documentation_url"), Requests.text(body, "description"),
          Requests.text(body, "code_example"), false);
      return db.transaction(c -> blocks.insertType(c, type)).map(created -> Reply.created(created.orElseThrow(
          () -> ApiError.conflict("Block type with name \"" + name + "\" or slug \"" + slug + "\" already exists"))));
    });
    bind(api.post("/block_types/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      JsonNode types = body.path("block_types");
      String nameLike = types.path("name").path("like_").textValue();
      List<String> slugs = Filters.values(types.path("slug"), "any_");
      List<String> capabilities = Filters.values(body.path("block_schemas").path("block_capabilities"), "all_");
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      return db.read(c -> page(blocks.types(c, nameLike, slugs, capabilities), limit, offset)).map(Reply::ok);
    });
    bind(api.get("/block_types/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> blocks.typeById(c, id)).map(t -> Reply.ok(t.orElseThrow(() -> typeNotFound())));
    });
    bind(api.delete("/block_types/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.transaction(c -> {
        BlockType type = blocks.typeById(c, id).orElseThrow(BlockRoutes::typeNotFound);
        if (type.isProtected()) {
          throw ApiError.detail(403, "protected block types cannot be deleted.");
        }
        blocks.deleteType(c, id);
        return Reply.noContent();
      });
    });
    bind(api.get("/block_types/slug/:slug/block_documents"), ctx -> {
      String slug = ctx.pathParam("slug");
      boolean secrets = Requests.queryBoolean(ctx, "include_secrets");
      return db.read(c -> {
        blocks.typeBySlug(c, slug).orElseThrow(BlockRoutes::typeNotFound);
        return blocks.documents(c, List.of(slug), null, false, secrets, Integer.MAX_VALUE, 0);
      }).map(Reply::ok);
    });
    bind(api.get("/block_types/slug/:slug"), ctx -> db.read(c -> blocks.typeBySlug(c, ctx.pathParam("slug")))
        .map(t -> Reply.ok(t.orElseThrow(BlockRoutes::typeNotFound))));
    bind(api.patch("/block_types/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      return db.transaction(c -> blocks.patchType(c, id, body)).map(found -> {
        if (!found) {
          throw typeNotFound();
        }
        return Reply.noContent();
      });
    });
    bind(api.get("/block_types/slug/:slug/block_documents/name/:name"), ctx -> {
      boolean secrets = Requests.queryBoolean(ctx, "include_secrets");
      return db.read(c -> blocks.documentByName(c, ctx.pathParam("slug"), ctx.pathParam("name"), secrets))
          .map(d -> Reply.ok(d.orElseThrow(() -> ApiError.notFound(DOCUMENT_NOT_FOUND))));
    });
    bind(api.get("/block_schemas/checksum/:checksum"), ctx -> db.read(c -> blocks.schemaByChecksum(c, ctx.pathParam("checksum")))
        .map(s -> Reply.ok(s.orElseThrow(() -> ApiError.notFound("Block schema not found")))));
    bind(api.post("/block_schemas/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      JsonNode filter = body.path("block_schemas");
      Where where = new Where().in("s.block_type_id", Filters.values(filter.path("block_type_id"), "any_"))
          .in("s.id", Filters.values(filter.path("id"), "any_"))
          .in("s.version", Filters.values(filter.path("version"), "any_"));
      List<String> capabilities = Filters.values(filter.path("block_capabilities"), "all_");
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      return db.read(c -> page(blocks.schemas(c, where, capabilities), limit, offset)).map(Reply::ok);
    });
    bind(api.get("/block_schemas/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> blocks.schemaById(c, id))
          .map(s -> Reply.ok(s.orElseThrow(() -> ApiError.notFound("Block schema not found"))));
    });
    bind(api.get("/block_capabilities/"), ctx -> db.read(c -> blocks.schemas(c, new Where(), null).stream()
        .flatMap(schema -> schema.capabilities().stream()).distinct().sorted().toList()).map(Reply::ok));
    bind(api.post("/block_schemas/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      UUID typeId = Requests.uuid(body, "block_type_id");
      ObjectNode fields = (ObjectNode) Requests.required(body, "fields");
      String version = body.hasNonNull("version") ? body.get("version").asText() : BlockRepository.SCHEMA_VERSION;
      return db.transaction(c -> {
        BlockType type = blocks.typeById(c, typeId)
            .orElseThrow(() -> ApiError.notFound("Block type " + typeId + " not found."));
        String checksum = SchemaChecksum.of(fields);
        var existing = blocks.schemaByChecksum(c, checksum);
        if (existing.isPresent()) {
          return new Reply(200, existing.get());
        }
        BlockSchema created = blocks.insertSchema(c, type.id(), checksum, fields, Requests.strings(body, "capabilities"),
            version);
        return Reply.created(created);
      });
    });
    bind(api.post("/block_documents/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      boolean anonymous = body.path("is_anonymous").asBoolean(false);
      String name = Requests.text(body, "name");
      if (name == null && !anonymous) {
        Requests.required(body, "name");
      }
      String documentName = name != null ? name : "anonymous-" + UUID.randomUUID();
      UUID schemaId = Requests.uuid(body, "block_schema_id");
      UUID typeId = Requests.uuid(body, "block_type_id");
      ObjectNode data = body.path("data").isObject() ? (ObjectNode) body.get("data") : dev.ferry.json.Json.object();
      return db.transaction(referencesChecked(c -> {
        if (schemaId == null || blocks.schemaById(c, schemaId).isEmpty()) {
          throw ApiError.conflict("Data integrity conflict: block schema " + schemaId + " does not exist.");
        }
        return blocks.insertDocument(c, documentName, data, schemaId, typeId, anonymous);
      })).map(d -> Reply.created(d.orElseThrow(() -> ApiError.conflict("Block already exists"))));
    });
    bind(api.post("/block_documents/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      List<String> slugs = Filters.values(body.path("block_types").path("slug"), "any_");
      List<String> names = Filters.values(body.path("block_documents").path("name"), "any_");
      boolean anonymous = body.path("include_anonymous").asBoolean(false)
          || body.path("block_documents").path("is_anonymous").path("eq_").asBoolean(false);
      boolean secrets = body.path("include_secrets").asBoolean(false);
      return db.read(c -> blocks.documents(c, slugs, names, anonymous, secrets, limit, offset)).map(Reply::ok);
    });
    bind(api.get("/block_documents/:id"), ctx -> {
      UUID id = uuidOr404(ctx.pathParam("id"));
      boolean secrets = Requests.queryBoolean(ctx, "include_secrets");
      return db.read(c -> blocks.documentById(c, id, secrets))
          .map(d -> Reply.ok(d.orElseThrow(() -> ApiError.notFound(DOCUMENT_NOT_FOUND))));
    });
    bind(api.patch("/block_documents/:id"), ctx -> {
      UUID id = uuidOr404(ctx.pathParam("id"));
      JsonNode body = Requests.body(ctx);
      UUID newSchemaId = Requests.uuid(body, "block_schema_id");
      if (body.has("data") && !body.get("data").isObject()) {
        throw ApiError.invalid(List.of("body", "data"), "value is not a valid dict", "type_error.dict", body);
      }
      return db.transaction(referencesChecked(c -> {
        BlockSchema schema = blocks.documentSchema(c, id).orElseThrow(() -> ApiError.notFound(DOCUMENT_NOT_FOUND));
        if (newSchemaId != null) {
          schema = blocks.schemaById(c, newSchemaId).orElseThrow(() -> ApiError.conflict(
              "Data integrity conflict: block schema " + newSchemaId + " does not exist."));
        }
        checkData(schema, body);
        blocks.patchDocument(c, id, body);
        return Reply.noContent();
      }));
    });
    bind(api.delete("/block_documents/:id"), ctx -> {
      UUID id = uuidOr404(ctx.pathParam("id"));
      return db.transaction(c -> blocks.deleteDocument(c, id)).map(deleted -> {
        if (!deleted) {
          throw ApiError.notFound(DOCUMENT_NOT_FOUND);
        }
        return Reply.noContent();
      });
    });
  }

  /**
   * Checks the fields a document patch sends against its block type's schema, as {@code ferry block
   * create} checks them: a 422 naming a field the type does not have (listing those it has), or one
   * whose value is of another JSON type than its schema states.
   */
  private static void checkData(BlockSchema schema, JsonNode body) {
    BlockFields fields = new BlockFields(schema.blockType().slug(), schema.fields());
    for (Map.Entry<String, JsonNode> field : body.path("data").properties()) {
      try {
        fields.requireValue(field.getKey(), field.getValue());
      } catch (InvalidInputException e) {
        throw ApiError.invalid(List.of("body", "data", field.getKey()), e.getMessage(),
            fields.has(field.getKey()) ? "type_error" : "value_error.extra", body);
      }
    }
  }

  private static ApiError typeNotFound() {
    return ApiError.notFound("Block type not found");
  }

  private static <T> List<T> page(List<T> all, int limit, int offset) {
    return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
  }

  /** A document write that answers 409 when the document refers to one that does not exist. */
  private static <T> Database.Work<T> referencesChecked(Database.Work<T> write) {
    return c -> {
      try {
        return write.run(c);
      } catch (BlockRepository.MissingReference e) {
        throw ApiError.conflict(e.getMessage());
      }
    };
  }

  /** Prefect's block document routes only match a UUID, so anything else is an unknown route. */
  private static UUID uuidOr404(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Not Found");
    }
  }
}

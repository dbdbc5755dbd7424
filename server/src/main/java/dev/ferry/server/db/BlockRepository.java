package dev.ferry.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockDefinition;
import dev.ferry.json.Json;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.BlockType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Block types, their schemas, and block documents (saved blocks). */
public final class BlockRepository {
  public static final String SCHEMA_VERSION = "ferry-1";
  public static final String OBFUSCATED = "**********";

  /** Registers a built-in block type and its schema unless they are there already. */
  public void register(Connection c, BlockDefinition definition) throws SQLException {
    long now = Columns.micros(Columns.now());
    BlockType type = typeBySlug(c, definition.slug()).orElse(null);
    if (type == null) {
      UUID id = UUID.randomUUID();
      Sql.update(c, "INSERT INTO block_type (id, created, updated, name, slug, logo_url, documentation_url, description,"
              + " code_example, is_protected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          id.toString(), now, now, definition.name(), definition.slug(), definition.logoUrl(),
          definition.documentationUrl(), definition.description(), definition.codeExample());
      type = typeBySlug(c, definition.slug()).orElseThrow();
    }
    String checksum = definition.checksum();
    if (schemaByChecksum(c, checksum).isEmpty()) {
      insertSchema(c, type.id(), checksum, definition.fields(), definition.capabilities(), SCHEMA_VERSION);
    }
  }

  public BlockSchema insertSchema(Connection c, UUID typeId, String checksum, ObjectNode fields, List<String> capabilities,
      String version) throws SQLException {
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO block_schema (id, created, updated, checksum, fields, block_type_id, capabilities, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id.toString(), now, now, checksum, Columns.json(fields), typeId.toString(), Columns.json(capabilities), version);
    return schemaById(c, id).orElseThrow();
  }

  public Optional<BlockType> typeBySlug(Connection c, String slug) throws SQLException {
    return Sql.one(c, "SELECT * FROM block_type WHERE slug = ?", BlockRepository::mapType, slug);
  }

  public Optional<BlockType> typeById(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM block_type WHERE id = ?", BlockRepository::mapType, id.toString());
  }

  /**
   * Block types by name, optionally those whose name contains {@code nameLike}, of some slugs,
   * or with a schema offering every one of {@code capabilities}.
   */
  public List<BlockType> types(Connection c, String nameLike, List<String> slugs, List<String> capabilities)
      throws SQLException {
    Where where = new Where().in("slug", slugs);
    if (nameLike != null) {
      where.condition("LOWER(name) LIKE ?", "%" + nameLike.toLowerCase() + "%");
    }
    List<BlockType> types = Sql.list(c, "SELECT * FROM block_type" + where.sql() + " ORDER BY name",
        BlockRepository::mapType, where.params());
    if (capabilities == null) {
      return types;
    }
    Set<UUID> capable = new HashSet<>();
    for (BlockSchema schema : schemas(c, new Where(), capabilities)) {
      capable.add(schema.blockTypeId());
    }
    return types.stream().filter(type -> capable.contains(type.id())).toList();
  }

  /** Creates a block type made by a user; empty when its name or slug is taken. */
  public Optional<BlockType> insertType(Connection c, BlockType type) throws SQLException {
    if (Sql.count(c, "SELECT COUNT(*) FROM block_type WHERE name = ? OR slug = ?", type.name(), type.slug()) > 0) {
      return Optional.empty();
    }
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO block_type (id, created, updated, name, slug, logo_url, documentation_url, description,"
            + " code_example, is_protected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        id.toString(), now, now, type.name(), type.slug(), type.logoUrl(), type.documentationUrl(), type.description(),
        type.codeExample());
    return typeById(c, id);
  }

  /** Deletes a block type with its schemas and documents. */
  public void deleteType(Connection c, UUID id) throws SQLException {
    Sql.update(c, "DELETE FROM block_type WHERE id = ?", id.toString());
  }

  /** Schemas, newest first, matching {@code where} on {@code s} and offering every one of {@code capabilities}. */
  public List<BlockSchema> schemas(Connection c, Where where, List<String> capabilities) throws SQLException {
    List<BlockSchema> schemas = Sql.list(c, SCHEMA_SELECT + where.sql() + " ORDER BY s.created DESC",
        BlockRepository::mapSchema, where.params());
    return capabilities == null ? schemas
        : schemas.stream().filter(schema -> schema.capabilities().containsAll(capabilities)).toList();
  }

  /** Updates the descriptive fields of a block type that the patch names. */
  public boolean patchType(Connection c, UUID id, JsonNode patch) throws SQLException {
    Optional<BlockType> existing = typeById(c, id);
    if (existing.isEmpty()) {
      return false;
    }
    BlockType t = existing.get();
    Sql.update(c, "UPDATE block_type SET updated = ?, logo_url = ?, documentation_url = ?, description = ?, code_example = ?"
            + " WHERE id = ?",
        Columns.micros(Columns.now()), textOr(patch, "logo_url", t.logoUrl()),
        textOr(patch, "documentation_url", t.documentationUrl()), textOr(patch, "description", t.description()),
        textOr(patch, "code_example", t.codeExample()), id.toString());
    return true;
  }

  public Optional<BlockSchema> schemaById(Connection c, UUID id) throws SQLException {
    return oneSchema(c, "s.id = ?", id.toString());
  }

  public Optional<BlockSchema> schemaByChecksum(Connection c, String checksum) throws SQLException {
    return oneSchema(c, "s.checksum = ?", checksum);
  }

  /**
   * Inserts a block document; empty when its type already has a document of this name. A field
   * whose value is {@code {"$ref": {"block_document_id": ID}}} refers to another saved document,
   * whose data reads in its place.
   */
  public Optional<BlockDocument> insertDocument(Connection c, String name, ObjectNode data, UUID schemaId, UUID typeId,
      boolean anonymous) throws SQLException {
    if (Sql.count(c, "SELECT COUNT(*) FROM block_document WHERE block_type_id = ? AND name = ?", typeId.toString(), name)
        > 0) {
      return Optional.empty();
    }
    checkReferences(c, data);
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO block_document (id, created, updated, name, data, block_schema_id, block_type_id,"
            + " is_anonymous) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id.toString(), now, now, name, Columns.json(data), schemaId.toString(), typeId.toString(), Columns.bit(anonymous));
    return documentById(c, id, true);
  }

  public Optional<BlockDocument> documentById(Connection c, UUID id, boolean includeSecrets) throws SQLException {
    Optional<DocumentRow> row = row(c, id);
    return row.isEmpty() ? Optional.empty() : Optional.of(assemble(c, row.get(), includeSecrets, new HashSet<>()));
  }

  public Optional<BlockDocument> documentByName(Connection c, String slug, String name, boolean includeSecrets)
      throws SQLException {
    Optional<DocumentRow> row = Sql.one(c, "SELECT d.* FROM block_document d JOIN block_type t ON t.id = d.block_type_id"
        + " WHERE t.slug = ? AND d.name = ?", DocumentRow::map, slug, name);
    return row.isEmpty() ? Optional.empty() : Optional.of(assemble(c, row.get(), includeSecrets, new HashSet<>()));
  }

  /** Documents, named ones only unless {@code includeAnonymous}, optionally of some block types or names. */
  public List<BlockDocument> documents(Connection c, List<String> slugs, List<String> names, boolean includeAnonymous,
      boolean includeSecrets, int limit, int offset) throws SQLException {
    Where where = new Where().in("t.slug", slugs).in("d.name", names);
    if (!includeAnonymous) {
      where.condition("d.is_anonymous = 0");
    }
    List<DocumentRow> rows = Sql.list(c, "SELECT d.* FROM block_document d JOIN block_type t ON t.id = d.block_type_id"
        + where.sql() + " ORDER BY t.slug, d.name LIMIT ? OFFSET ?", DocumentRow::map, where.params(limit, offset));
    List<BlockDocument> documents = new java.util.ArrayList<>();
    for (DocumentRow row : rows) {
      documents.add(assemble(c, row, includeSecrets, new HashSet<>()));
    }
    return documents;
  }

  /** The schema a document is saved with; empty when there is no such document. */
  public Optional<BlockSchema> documentSchema(Connection c, UUID id) throws SQLException {
    Optional<DocumentRow> row = row(c, id);
    return row.isEmpty() ? Optional.empty() : schemaById(c, row.get().schemaId());
  }

  /**
   * Changes a document's data: merged into the saved data field by field (a field sent replaces
   * the saved one whole), or replacing it with {@code merge_existing_data: false}, as Prefect 2.7
   * does; a new {@code block_schema_id} moves it to that schema. A secret field sent back as
   * {@link #OBFUSCATED}, as reads show it, keeps its saved value: Prefect drops such a field from
   * the update, which keeps it when merging but loses it when replacing (or when the secret is a
   * nested field, {@code image_registry.password}); ferry keeps it in every case.
   * False when there is no such document.
   */
  public boolean patchDocument(Connection c, UUID id, JsonNode patch) throws SQLException {
    Optional<DocumentRow> row = row(c, id);
    if (row.isEmpty()) {
      return false;
    }
    ObjectNode data = row.get().data();
    if (patch.path("data").isObject()) {
      ObjectNode update = patch.get("data").deepCopy();
      JsonNode secrets = schemaById(c, row.get().schemaId()).orElseThrow().fields().path("secret_fields");
      secrets.forEach(secret -> keepMasked(update, data, secret.asText().split("\\.")));
      if (!patch.path("merge_existing_data").asBoolean(true)) {
        data.removeAll();
      }
      data.setAll(update);
      checkReferences(c, data);
    }
    String schemaId = patch.hasNonNull("block_schema_id") ? patch.get("block_schema_id").asText()
        : row.get().schemaId().toString();
    Sql.update(c, "UPDATE block_document SET updated = ?, data = ?, block_schema_id = ? WHERE id = ?",
        Columns.micros(Columns.now()), Columns.json(data), schemaId, id.toString());
    return true;
  }

  /** Puts the saved value of the secret at {@code path} in place of the mask, if {@code update} sends the mask. */
  private static void keepMasked(ObjectNode update, ObjectNode saved, String[] path) {
    JsonNode sent = update;
    JsonNode kept = saved;
    for (int i = 0; i < path.length - 1; i++) {
      sent = sent.path(path[i]);
      kept = kept.path(path[i]);
    }
    String field = path[path.length - 1];
    if (sent instanceof ObjectNode parent && OBFUSCATED.equals(parent.path(field).textValue())
        && kept.hasNonNull(field)) {
      parent.set(field, kept.get(field).deepCopy());
    }
  }

  public boolean deleteDocument(Connection c, UUID id) throws SQLException {
    return Sql.update(c, "DELETE FROM block_document WHERE id = ?", id.toString()) > 0;
  }

  private Optional<DocumentRow> row(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM block_document WHERE id = ?", DocumentRow::map, id.toString());
  }

  /** A document as the API shows it: the data of the documents it refers to in place, its own secrets hidden. */
  private BlockDocument assemble(Connection c, DocumentRow row, boolean includeSecrets, Set<UUID> seen)
      throws SQLException {
    seen.add(row.id());
    BlockSchema schema = schemaById(c, row.schemaId()).orElseThrow();
    ObjectNode data = row.data().deepCopy();
    if (!includeSecrets) {
      for (JsonNode secret : schema.fields().path("secret_fields")) {
        if (data.hasNonNull(secret.asText())) {
          data.put(secret.asText(), OBFUSCATED);
        }
      }
    }
    ObjectNode references = Json.object();
    for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) row.data()::fields) {
      UUID referenced = referenceOf(field.getValue());
      if (referenced == null) {
        continue;
      }
      data.remove(field.getKey());
      Optional<DocumentRow> child = seen.contains(referenced) ? Optional.empty() : row(c, referenced);
      if (child.isPresent()) {
        BlockDocument nested = assemble(c, child.get(), includeSecrets, seen);
        data.set(field.getKey(), nested.data());
        ObjectNode reference = references.putObject(field.getKey()).putObject("block_document");
        reference.put("id", nested.id().toString()).put("name", nested.name());
        reference.set("block_type", Json.toTree(nested.blockType()));
        reference.put("is_anonymous", nested.isAnonymous());
        reference.set("block_document_references", nested.blockDocumentReferences());
      }
    }
    return new BlockDocument(row.id(), row.created(), row.updated(), row.name(), data, schema.id(), schema,
        schema.blockTypeId(), schema.blockType(), references, row.anonymous());
  }

  /** Fails with a message naming the field when a reference points at no saved document. */
  private void checkReferences(Connection c, ObjectNode data) throws SQLException {
    for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) data::fields) {
      UUID referenced = referenceOf(field.getValue());
      if (referenced != null && row(c, referenced).isEmpty()) {
        throw new MissingReference(field.getKey(), referenced);
      }
    }
  }

  /** The document id of a {@code {"$ref": {"block_document_id": ID}}} value, or null. */
  private static UUID referenceOf(JsonNode value) {
    JsonNode id = value.path("$ref").path("block_document_id");
    if (!id.isTextual()) {
      return null;
    }
    try {
      return UUID.fromString(id.asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A block document field refers to a document that does not exist. */
  public static final class MissingReference extends RuntimeException {
    public MissingReference(String field, UUID id) {
      super("Block document field '" + field + "' refers to block document " + id + ", which does not exist.");
    }
  }

  private record DocumentRow(UUID id, java.time.OffsetDateTime created, java.time.OffsetDateTime updated, String name,
      ObjectNode data, UUID schemaId, boolean anonymous) {
    static DocumentRow map(ResultSet row) throws SQLException {
      return new DocumentRow(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
          row.getString("name"), Columns.object(row, "data"), Columns.uuid(row, "block_schema_id"),
          Columns.bool(row, "is_anonymous"));
    }
  }

  private static final String SCHEMA_SELECT = "SELECT s.*, t.id AS t_id, t.created AS t_created, t.updated AS t_updated,"
      + " t.name AS t_name, t.slug AS t_slug, t.logo_url AS t_logo_url, t.documentation_url AS t_documentation_url,"
      + " t.description AS t_description, t.code_example AS t_code_example, t.is_protected AS t_is_protected"
      + " FROM block_schema s JOIN block_type t ON t.id = s.block_type_id";

  private Optional<BlockSchema> oneSchema(Connection c, String condition, Object param) throws SQLException {
    return Sql.one(c, SCHEMA_SELECT + " WHERE " + condition, BlockRepository::mapSchema, param);
  }

  private static BlockSchema mapSchema(ResultSet row) throws SQLException {
    BlockType type = new BlockType(Columns.uuid(row, "t_id"), Columns.time(row, "t_created"),
        Columns.time(row, "t_updated"), row.getString("t_name"), row.getString("t_slug"), row.getString("t_logo_url"),
        row.getString("t_documentation_url"), row.getString("t_description"), row.getString("t_code_example"),
        Columns.bool(row, "t_is_protected"));
    return new BlockSchema(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("checksum"), Columns.object(row, "fields"), type.id(), type, Columns.strings(row, "capabilities"),
        row.getString("version"));
  }

  private static BlockType mapType(ResultSet row) throws SQLException {
    return new BlockType(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), row.getString("slug"), row.getString("logo_url"), row.getString("documentation_url"),
        row.getString("description"), row.getString("code_example"), Columns.bool(row, "is_protected"));
  }

  private static String textOr(JsonNode patch, String field, String current) {
    return patch.has(field) ? (patch.get(field).isNull() ? null : patch.get(field).asText()) : current;
  }
}

package dev.ferry.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Deployments, unique by flow and name. */
public final class DeploymentRepository {
  /** The fields a deployment is created or replaced with. */
  public record Fields(
      String name,
      UUID flowId,
      String version,
      String description,
      JsonNode schedule,
      boolean isScheduleActive,
      ObjectNode infraOverrides,
      ObjectNode parameters,
      List<String> tags,
      String workQueueName,
      JsonNode parameterOpenapiSchema,
      String path,
      String entrypoint,
      String manifestPath,
      UUID storageDocumentId,
      UUID infrastructureDocumentId) {}

  private static final String COLUMNS = "flow_id, name, version, description, schedule, is_schedule_active,"
      + " infra_overrides, parameters, tags, work_queue_name, parameter_openapi_schema, path, entrypoint, manifest_path,"
      + " storage_document_id, infrastructure_document_id";

  /**
   * Creates the deployment, or replaces the one with the same flow and name; the runs its schedule
   * planned and nobody claimed yet go when what they were planned from changes (schedule, queue,
   * parameters, tags, version, infrastructure block), for the scheduler to plan them again.
   */
  public Upsert<Deployment> upsert(Connection c, Fields f) throws SQLException {
    long now = Columns.micros(Columns.now());
    Object[] values = {f.flowId().toString(), f.name(), f.version(), f.description(), Columns.json(f.schedule()),
        Columns.bit(f.isScheduleActive()), Columns.json(f.infraOverrides()), Columns.json(f.parameters()),
        Columns.json(f.tags()), f.workQueueName(), Columns.json(f.parameterOpenapiSchema()), f.path(), f.entrypoint(),
        f.manifestPath(), Columns.text(f.storageDocumentId()), Columns.text(f.infrastructureDocumentId())};
    Optional<Deployment> existing = byFlowAndName(c, f.flowId(), f.name());
    if (existing.isPresent()) {
      if (replans(existing.get(), f)) {
        deleteAutoScheduledRuns(c, existing.get().id());
      }
      String assignments = String.join(" = ?, ", COLUMNS.split(",\\s*")) + " = ?";
      Sql.update(c, "UPDATE deployment SET updated = ?, " + assignments + " WHERE id = ?",
          concat(new Object[] {now}, values, new Object[] {existing.get().id().toString()}));
      return new Upsert<>(byId(c, existing.get().id()).orElseThrow(), false);
    }
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO deployment (id, created, updated, " + COLUMNS + ") VALUES (?, ?, ?"
        + ", ?".repeat(values.length) + ")", concat(new Object[] {id.toString(), now, now}, values, new Object[0]));
    return new Upsert<>(byId(c, id).orElseThrow(), true);
  }

  /** Whether the runs planned for {@code before} differ from those {@code after} would plan. */
  private static boolean replans(Deployment before, Fields after) {
    return !Objects.equals(after.schedule(), before.schedule())
        || after.isScheduleActive() != Boolean.TRUE.equals(before.isScheduleActive())
        || !Objects.equals(after.workQueueName(), before.workQueueName())
        || !Objects.equals(after.parameters(), before.parameters())
        || !Objects.equals(after.tags(), before.tags())
        || !Objects.equals(after.version(), before.version())
        || !Objects.equals(after.infrastructureDocumentId(), before.infrastructureDocumentId());
  }

  public Optional<Deployment> byId(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM deployment WHERE id = ?", DeploymentRepository::map, id.toString());
  }

  public Optional<Deployment> byFlowAndName(Connection c, UUID flowId, String name) throws SQLException {
    return Sql.one(c, "SELECT * FROM deployment WHERE flow_id = ? AND name = ?", DeploymentRepository::map,
        flowId.toString(), name);
  }

  public Optional<Deployment> byName(Connection c, String flowName, String name) throws SQLException {
    return Sql.one(c, "SELECT d.* FROM deployment d JOIN flow f ON f.id = d.flow_id WHERE f.name = ? AND d.name = ?",
        DeploymentRepository::map, flowName, name);
  }

  /** Deployments matching a filter on columns of {@code d} (deployment) and {@code f} (flow). */
  public List<Deployment> filter(Connection c, Where where, int limit, int offset) throws SQLException {
    return Sql.list(c, "SELECT d.* FROM deployment d JOIN flow f ON f.id = d.flow_id" + where.sql()
        + " ORDER BY f.name, d.name LIMIT ? OFFSET ?", DeploymentRepository::map, where.params(limit, offset));
  }

  /** Fields that identify a deployment: a PATCH leaves them as they are. */
  private static final java.util.Set<String> IDENTITY = java.util.Set.of("id", "name", "flow_id", "created", "updated");

  /**
   * Applies the fields a PATCH names to a deployment, as {@link #upsert} replaces it. False when
   * there is no such deployment.
   */
  public boolean patch(Connection c, UUID id, JsonNode patch) throws SQLException {
    Optional<Deployment> existing = byId(c, id);
    if (existing.isEmpty()) {
      return false;
    }
    ObjectNode merged = (ObjectNode) Json.toTree(existing.get());
    patch.properties().stream().filter(e -> !IDENTITY.contains(e.getKey()))
        .forEach(e -> merged.set(e.getKey(), e.getValue()));
    Deployment d = Json.convert(merged, Deployment.class);
    upsert(c, new Fields(d.name(), d.flowId(), d.version(), d.description(), d.schedule(),
        !Boolean.FALSE.equals(d.isScheduleActive()), d.infraOverrides(), d.parameters(), d.tags(), d.workQueueName(),
        d.parameterOpenapiSchema(), d.path(), d.entrypoint(), d.manifestPath(), d.storageDocumentId(),
        d.infrastructureDocumentId()));
    return true;
  }

  /** Turns a deployment's schedule on or off; off also removes the runs it had planned. False when there is no such deployment. */
  public boolean setScheduleActive(Connection c, UUID id, boolean active) throws SQLException {
    int updated = Sql.update(c, "UPDATE deployment SET is_schedule_active = ?, updated = ? WHERE id = ?",
        Columns.bit(active), Columns.micros(Columns.now()), id.toString());
    if (!active) {
      deleteAutoScheduledRuns(c, id);
    }
    return updated > 0;
  }

  /** Removes the runs a deployment's schedule planned and nobody has claimed yet. */
  public void deleteAutoScheduledRuns(Connection c, UUID id) throws SQLException {
    Sql.update(c, "DELETE FROM flow_run WHERE deployment_id = ? AND auto_scheduled = 1 AND state_type = 'SCHEDULED'",
        id.toString());
  }

  public long count(Connection c, Where where) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM deployment d JOIN flow f ON f.id = d.flow_id" + where.sql(), where.params());
  }

  public boolean delete(Connection c, UUID id) throws SQLException {
    return Sql.update(c, "DELETE FROM deployment WHERE id = ?", id.toString()) > 0;
  }

  static Deployment map(ResultSet row) throws SQLException {
    return new Deployment(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), row.getString("version"), row.getString("description"), Columns.uuid(row, "flow_id"),
        Columns.json(row, "schedule"), Columns.bool(row, "is_schedule_active"), Columns.object(row, "infra_overrides"),
        Columns.object(row, "parameters"), Columns.strings(row, "tags"), row.getString("work_queue_name"),
        Columns.json(row, "parameter_openapi_schema"), row.getString("path"), row.getString("entrypoint"),
        row.getString("manifest_path"), Columns.uuid(row, "storage_document_id"),
        Columns.uuid(row, "infrastructure_document_id"), null, null, null);
  }

  private static Object[] concat(Object[] a, Object[] b, Object[] c) {
    Object[] all = new Object[a.length + b.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }
}

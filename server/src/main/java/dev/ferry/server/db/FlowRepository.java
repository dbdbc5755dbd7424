package dev.ferry.server.db;

import dev.ferry.model.Flow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flows: one row per flow name. */
public final class FlowRepository {
  /** Returns the flow with this name, creating it first when there is none. */
  public Upsert<Flow> createIfMissing(Connection c, String name, List<String> tags) throws SQLException {
    Optional<Flow> existing = byName(c, name);
    if (existing.isPresent()) {
      return new Upsert<>(existing.get(), false);
    }
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO flow (id, created, updated, name, tags) VALUES (?, ?, ?, ?, ?)",
        id.toString(), now, now, name, Columns.json(tags));
    return new Upsert<>(byId(c, id).orElseThrow(), true);
  }

  public Optional<Flow> byId(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM flow WHERE id = ?", FlowRepository::map, id.toString());
  }

  public Optional<Flow> byName(Connection c, String name) throws SQLException {
    return Sql.one(c, "SELECT * FROM flow WHERE name = ?", FlowRepository::map, name);
  }

  public List<Flow> filter(Connection c, Where where, int limit, int offset) throws SQLException {
    return Sql.list(c, "SELECT * FROM flow" + where.sql() + " ORDER BY name LIMIT ? OFFSET ?", FlowRepository::map,
        where.params(limit, offset));
  }

  public long count(Connection c, Where where) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM flow" + where.sql(), where.params());
  }

  /** Replaces a flow's tags. False when there is no such flow. */
  public boolean setTags(Connection c, UUID id, List<String> tags) throws SQLException {
    return Sql.update(c, "UPDATE flow SET tags = ?, updated = ? WHERE id = ?", Columns.json(tags),
        Columns.micros(Columns.now()), id.toString()) > 0;
  }

  /** Deletes a flow with its deployments and runs. */
  public boolean delete(Connection c, UUID id) throws SQLException {
    Sql.update(c, "DELETE FROM log WHERE flow_run_id IN (SELECT id FROM flow_run WHERE flow_id = ?)", id.toString());
    return Sql.update(c, "DELETE FROM flow WHERE id = ?", id.toString()) > 0;
  }

  static Flow map(ResultSet row) throws SQLException {
    return new Flow(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), Columns.strings(row, "tags"));
  }
}

package dev.ferry.server.db;

import dev.ferry.model.WorkQueue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Work queues, unique by name. */
public final class WorkQueueRepository {
  /** The fields a work queue is created with or patched to. */
  public record Fields(String description, Boolean isPaused, Integer concurrencyLimit, Integer priority) {}

  public Optional<WorkQueue> create(Connection c, String name, Fields fields) throws SQLException {
    if (byName(c, name).isPresent()) {
      return Optional.empty();
    }
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    Sql.update(c, "INSERT INTO work_queue (id, created, updated, name, description, is_paused, concurrency_limit, priority)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id.toString(), now, now, name, fields.description() == null ? "" : fields.description(),
        Columns.bit(Boolean.TRUE.equals(fields.isPaused())), fields.concurrencyLimit(),
        fields.priority() == null ? 1 : fields.priority());
    return byId(c, id);
  }

  /** Makes sure a queue of this name exists, as deployments and agents expect. */
  public WorkQueue ensure(Connection c, String name) throws SQLException {
    Optional<WorkQueue> existing = byName(c, name);
    return existing.isPresent() ? existing.get() : create(c, name, new Fields(null, false, null, null)).orElseThrow();
  }

  public Optional<WorkQueue> byId(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM work_queue WHERE id = ?", WorkQueueRepository::map, id.toString());
  }

  public Optional<WorkQueue> byName(Connection c, String name) throws SQLException {
    return Sql.one(c, "SELECT * FROM work_queue WHERE name = ?", WorkQueueRepository::map, name);
  }

  public List<WorkQueue> filter(Connection c, Where where, int limit, int offset) throws SQLException {
    return Sql.list(c, "SELECT * FROM work_queue" + where.sql() + " ORDER BY priority, name LIMIT ? OFFSET ?",
        WorkQueueRepository::map, where.params(limit, offset));
  }

  /** Applies the non-null fields; {@code clearLimit} sets the concurrency limit to none. False when there is no such queue. */
  public boolean patch(Connection c, UUID id, Fields fields, boolean clearLimit) throws SQLException {
    Optional<WorkQueue> existing = byId(c, id);
    if (existing.isEmpty()) {
      return false;
    }
    WorkQueue q = existing.get();
    Integer limit = clearLimit ? null : fields.concurrencyLimit() != null ? fields.concurrencyLimit() : q.concurrencyLimit();
    Sql.update(c, "UPDATE work_queue SET updated = ?, description = ?, is_paused = ?, concurrency_limit = ?, priority = ?"
            + " WHERE id = ?",
        Columns.micros(Columns.now()), fields.description() != null ? fields.description() : q.description(),
        Columns.bit(fields.isPaused() != null ? fields.isPaused() : q.isPaused()), limit,
        fields.priority() != null ? fields.priority() : q.priority(), id.toString());
    return true;
  }

  public boolean delete(Connection c, UUID id) throws SQLException {
    return Sql.update(c, "DELETE FROM work_queue WHERE id = ?", id.toString()) > 0;
  }

  public void markPolled(Connection c, UUID id) throws SQLException {
    Sql.update(c, "UPDATE work_queue SET last_polled = ? WHERE id = ?", Columns.micros(Columns.now()), id.toString());
  }

  static WorkQueue map(ResultSet row) throws SQLException {
    return new WorkQueue(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), row.getString("description"), Columns.bool(row, "is_paused"),
        Sql.getInt(row, "concurrency_limit"), row.getInt("priority"), null, Columns.json(row, "filter"),
        Columns.time(row, "last_polled"));
  }
}

package dev.ferry.server.db;

import dev.ferry.model.LogRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Log lines of flow runs. */
public final class LogRepository {
  public void insert(Connection c, List<LogRecord> logs) throws SQLException {
    long now = Columns.micros(Columns.now());
    for (LogRecord log : logs) {
      Sql.update(c, "INSERT INTO log (id, created, updated, name, level, message, timestamp, flow_run_id, task_run_id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          UUID.randomUUID().toString(), now, now, log.name(), log.level(), log.message(),
          Columns.micros(log.timestamp()), Columns.text(log.flowRunId()), Columns.text(log.taskRunId()));
    }
  }

  public List<LogRecord> filter(Connection c, Where where, boolean descending, int limit, int offset) throws SQLException {
    String order = descending ? " ORDER BY timestamp DESC, created DESC" : " ORDER BY timestamp, created";
    return Sql.list(c, "SELECT * FROM log" + where.sql() + order + " LIMIT ? OFFSET ?", LogRepository::map,
        where.params(limit, offset));
  }

  static LogRecord map(ResultSet row) throws SQLException {
    return new LogRecord(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), row.getInt("level"), row.getString("message"), Columns.time(row, "timestamp"),
        Columns.uuid(row, "flow_run_id"), Columns.uuid(row, "task_run_id"));
  }
}

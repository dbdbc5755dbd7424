package dev.ferry.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** What was launched for each flow run, as the agent that launched it told: one record per run, the latest launch. */
public final class LaunchRepository {
  /** The launch recorded for a run: when it was first and last recorded, and what the agent sent. */
  public record Launch(UUID flowRunId, OffsetDateTime created, OffsetDateTime updated, JsonNode launch) {}

  /** Records the launch of a run, replacing the one recorded before. False when there is no such run. */
  public boolean put(Connection c, UUID runId, ObjectNode launch) throws SQLException {
    if (Sql.count(c, "SELECT COUNT(*) FROM flow_run WHERE id = ?", runId.toString()) == 0) {
      return false;
    }
    long now = Columns.micros(Columns.now());
    Sql.update(c, "INSERT INTO flow_run_launch (flow_run_id, created, updated, launch) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (flow_run_id) DO UPDATE SET updated = excluded.updated, launch = excluded.launch",
        runId.toString(), now, now, Columns.json(launch));
    return true;
  }

  /** The launch recorded for a run, if any. */
  public Optional<Launch> get(Connection c, UUID runId) throws SQLException {
    return Sql.one(c, "SELECT * FROM flow_run_launch WHERE flow_run_id = ?", row -> new Launch(
        Columns.uuid(row, "flow_run_id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        Columns.json(row, "launch")), runId.toString());
  }
}

package dev.ferry.server.services;

import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.Sql;
import dev.ferry.server.orchestration.RunNames;
import dev.ferry.server.schedule.Schedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;

/**
 * Creates the SCHEDULED runs of a deployment's schedule ahead of time, as Prefect's scheduler
 * does: up to 100 planned runs, up to 100 days ahead. Each slot's idempotency key names the
 * deployment and the time, so a slot is created once however many replicas schedule at once.
 */
public final class Scheduler {
  static final int MAX_RUNS = 100;
  static final Duration HORIZON = Duration.ofDays(100);

  private final FlowRunRepository runs = new FlowRunRepository();

  /** Creates the missing runs of one deployment's schedule for the next 100 days; returns how many it created. */
  public int schedule(Connection c, Deployment deployment, Instant now) throws SQLException {
    return schedule(c, deployment, now, now.plus(HORIZON), MAX_RUNS);
  }

  /** Creates the missing runs of a deployment's schedule between two times, keeping at most {@code maxRuns} planned. */
  public int schedule(Connection c, Deployment deployment, Instant start, Instant end, int maxRuns) throws SQLException {
    if (deployment.schedule() == null || deployment.schedule().isNull()
        || !Boolean.TRUE.equals(deployment.isScheduleActive())) {
      return 0;
    }
    Schedule schedule = Schedule.parse(deployment.schedule());
    Object[] params = {deployment.id().toString(), Columns.micros(OffsetDateTime.ofInstant(start, ZoneOffset.UTC))};
    long planned = Sql.count(c, "SELECT COUNT(*) FROM flow_run WHERE deployment_id = ? AND auto_scheduled = 1"
        + " AND state_type = 'SCHEDULED' AND next_scheduled_start_time > ?", params);
    long latest = Sql.count(c, "SELECT COALESCE(MAX(expected_start_time), ?) FROM flow_run WHERE deployment_id = ?"
        + " AND auto_scheduled = 1", params[1], params[0]);
    Instant after = Instant.EPOCH.plusNanos(Math.max(latest, (Long) params[1]) * 1000);
    int created = 0;
    for (Instant time : schedule.times(after, end, (int) Math.max(0, maxRuns - planned))) {
      OffsetDateTime at = OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
      LinkedHashSet<String> tags = new LinkedHashSet<>(deployment.tags());
      tags.add("auto-scheduled");
      boolean inserted = runs.insert(c, new FlowRunRepository.NewRun(deployment.flowId(), deployment.id(),
          RunNames.next(), deployment.workQueueName(), deployment.version(), deployment.parameters(),
          "scheduled " + deployment.id() + " " + at, Json.object(), FlowRunRepository.defaultEmpiricalPolicy(),
          new ArrayList<>(tags), deployment.infrastructureDocumentId(), true, State.scheduledAt(at))).created();
      created += inserted ? 1 : 0;
    }
    return created;
  }
}

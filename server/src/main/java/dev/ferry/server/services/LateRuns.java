package dev.ferry.server.services;

import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.Where;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Renames SCHEDULED runs that nobody claimed by their start time to "Late", as Prefect does; they stay claimable. */
public final class LateRuns {
  private static final int BATCH = 500;

  private final FlowRunRepository runs = new FlowRunRepository();

  /** Marks the runs due more than {@code lateAfter} ago; returns how many. */
  public int mark(Connection c, OffsetDateTime now, Duration lateAfter) throws SQLException {
    Where due = new Where().condition("r.state_type = 'SCHEDULED'").condition("r.state_name = 'Scheduled'")
        .condition("r.next_scheduled_start_time <= ?", Columns.micros(now.minus(lateAfter)));
    return runs.transitionEach(c, due, BATCH,
        run -> new State(null, StateType.SCHEDULED, "Late", null, null, null, run.state().stateDetails()));
  }
}

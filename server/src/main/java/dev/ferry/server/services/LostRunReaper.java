package dev.ferry.server.services;

import dev.ferry.model.State;
import dev.ferry.model.StateDetails;
import dev.ferry.model.StateType;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.Where;
import dev.ferry.server.orchestration.OrchestrationRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Marks CRASHED the PENDING, RUNNING and AwaitingRetry runs whose agent stopped heartbeating:
 * the agent died with them (Prefect 2 leaves such runs stuck). A claimed run the agent never
 * started (PENDING, no infrastructure pid) is scheduled again instead: nothing of it ran. Runs of agents that never heartbeat are left alone.
 */
public final class LostRunReaper {
  private static final int BATCH = 500;

  private final FlowRunRepository runs = new FlowRunRepository();

  /** Crashes the runs whose last heartbeat is older than {@code timeout}, each naming its agent; returns how many. */
  public int reap(Connection c, OffsetDateTime now, Duration timeout) throws SQLException {
    int reaped = 0;
    for (String agent : runs.heartbeatAgents(c, lost(now, timeout))) {
      Where theirs = agent == null ? lost(now, timeout).condition("r.heartbeat_agent IS NULL")
          : lost(now, timeout).condition("r.heartbeat_agent = ?", agent);
      String holder = agent == null ? "The agent" : "Agent '" + agent + "'";
      State crashed = State.of(StateType.CRASHED, holder + " held this run and stopped sending heartbeats for more"
          + " than " + timeout.toSeconds() + " s; the run was lost with it.");
      State again = new State(null, StateType.SCHEDULED, "Scheduled", null, holder + " claimed this run and stopped"
          + " before starting it; it is scheduled again.", null, StateDetails.empty().withScheduledTime(now));
      reaped += runs.transitionEach(c, theirs, BATCH,
          run -> run.stateType() == StateType.PENDING && run.infrastructurePid() == null ? again : crashed);
    }
    return reaped;
  }

  private static Where lost(OffsetDateTime now, Duration timeout) {
    return new Where()
        .condition("(r.state_type IN ('PENDING', 'RUNNING') OR r.state_name = ?)", OrchestrationRules.AWAITING_RETRY)
        .condition("r.heartbeat IS NOT NULL")
        .condition("r.heartbeat < ?", Columns.micros(now.minus(timeout)));
  }
}

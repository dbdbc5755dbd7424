package dev.ferry.server.db;

import dev.ferry.model.StateType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prefect's flow-run history ({@code POST /flow_runs/history}): the runs a filter selects, counted
 * by state in consecutive intervals of one length from a start time. As in Prefect 2.7, a run
 * counts in the interval its expected start time falls in (the time it was first scheduled for,
 * or else the time it got its first state), whatever happened to it later; each interval
 * includes its start and excludes its end, and the last one may end after the history does.
 */
public final class FlowRunHistory {
  /** The most intervals one history may have, as many as Prefect answers with. */
  public static final int MAX_INTERVALS = 500;

  private static final Comparator<StateKey> STATE_ORDER =
      Comparator.comparing(StateKey::type).thenComparing(StateKey::name, Comparator.nullsFirst(String::compareTo));

  /** One interval of a history and the runs expected to start in it, by state. */
  public record Interval(OffsetDateTime intervalStart, OffsetDateTime intervalEnd, List<StateCount> states) {}

  /**
   * The runs of an interval that are in one state: how many, their estimated run times added up,
   * and how late they started (or, not started yet, are), in seconds.
   */
  public record StateCount(StateType stateType, String stateName, long countRuns, double sumEstimatedRunTime,
      double sumEstimatedLateness) {}

  private record StateKey(StateType type, String name) {}

  private record Run(OffsetDateTime expected, OffsetDateTime start, StateType type, String name,
      OffsetDateTime stateTimestamp, double totalRunTime) {
    static Run map(ResultSet row) throws SQLException {
      return new Run(Columns.time(row, "expected_start_time"), Columns.time(row, "start_time"),
          StateType.valueOf(row.getString("state_type")), row.getString("state_name"),
          Columns.time(row, "state_timestamp"), row.getDouble("total_run_time"));
    }
  }

  /** How many intervals of {@code length} cover {@code start} to {@code end}: none when end is not later. */
  public static long intervals(OffsetDateTime start, OffsetDateTime end, Duration length) {
    long span = Columns.micros(end) - Columns.micros(start);
    long micros = length.toNanos() / 1000;
    return span <= 0 ? 0 : (span + micros - 1) / micros;
  }

  /** The shortest interval, in whole seconds, that covers {@code start} to {@code end} in {@link #MAX_INTERVALS}. */
  public static Duration shortestInterval(OffsetDateTime start, OffsetDateTime end) {
    long most = MAX_INTERVALS * 1_000_000L;
    return Duration.ofSeconds((Columns.micros(end) - Columns.micros(start) + most - 1) / most);
  }

  /**
   * The history of the runs {@code where} selects (on {@code r}): {@code count} intervals of
   * {@code length} (to the microsecond) from {@code start}, in UTC.
   */
  public List<Interval> read(Connection c, Where where, OffsetDateTime start, int count, Duration length)
      throws SQLException {
    long from = Columns.micros(start);
    long micros = length.toNanos() / 1000;
    where.condition("r.state_type IS NOT NULL")
        .condition("r.expected_start_time >= ?", from)
        .condition("r.expected_start_time < ?", from + count * micros);
    List<Map<StateKey, StateCount>> slots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.add(new TreeMap<>(STATE_ORDER));
    }
    OffsetDateTime now = Columns.now();
    for (Run run : Sql.list(c, "SELECT r.expected_start_time, r.start_time, r.state_type, r.state_name,"
        + " r.state_timestamp, r.total_run_time FROM flow_run r" + where.sql(), Run::map, where.params())) {
      int slot = (int) ((Columns.micros(run.expected()) - from) / micros);
      slots.get(slot).merge(new StateKey(run.type(), run.name()), new StateCount(run.type(), run.name(), 1,
          RunEstimates.runTime(run.type(), run.stateTimestamp(), run.totalRunTime(), now),
          RunEstimates.lateness(run.type(), run.expected(), run.start(), now)), FlowRunHistory::add);
    }
    List<Interval> history = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long intervalStart = from + i * micros;
      history.add(new Interval(Columns.time(intervalStart), Columns.time(intervalStart + micros),
          List.copyOf(slots.get(i).values())));
    }
    return history;
  }

  private static StateCount add(StateCount a, StateCount b) {
    return new StateCount(a.stateType(), a.stateName(), a.countRuns() + b.countRuns(),
        a.sumEstimatedRunTime() + b.sumEstimatedRunTime(), a.sumEstimatedLateness() + b.sumEstimatedLateness());
  }
}

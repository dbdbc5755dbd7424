package dev.ferry.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.StateDetails;
import dev.ferry.model.StateType;
import dev.ferry.server.orchestration.OrchestrationRules;
import dev.ferry.server.orchestration.OrchestrationRules.Decision;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Flow runs, their current state (kept on the run row) and their state history. */
public final class FlowRunRepository {
  private static final String CLAIMABLE = "SELECT * FROM flow_run WHERE work_queue_name = ? AND state_type = 'SCHEDULED'"
      + " AND state_name <> ? AND next_scheduled_start_time <= ? ORDER BY next_scheduled_start_time, id LIMIT ?";

  /** What a new flow run is created with. */
  public record NewRun(
      UUID flowId,
      UUID deploymentId,
      String name,
      String workQueueName,
      String flowVersion,
      ObjectNode parameters,
      String idempotencyKey,
      JsonNode context,
      JsonNode empiricalPolicy,
      List<String> tags,
      UUID infrastructureDocumentId,
      boolean autoScheduled,
      State state) {}

  /** Prefect's retry policy of a run that asked for none. */
  public static JsonNode defaultEmpiricalPolicy() {
    ObjectNode policy = Json.object().put("max_retries", 0).put("retry_delay_seconds", 0.0);
    policy.putNull("retries");
    policy.putNull("retry_delay");
    policy.putArray("pause_keys");
    policy.put("resuming", false);
    return policy;
  }

  /** The answer to a proposed state, whether a new state was written, and the run's work queue. */
  public record Transition(OrchestrationResult result, boolean written, String queueName) {}

  /**
   * Creates a run, or returns the run of the same flow that already has its idempotency key:
   * a key names one run, however many callers (or server replicas) ask at once.
   */
  public Upsert<FlowRun> insert(Connection c, NewRun r) throws SQLException {
    long now = Columns.micros(Columns.now());
    UUID id = UUID.randomUUID();
    int inserted = Sql.update(c, "INSERT INTO flow_run (id, created, updated, name, flow_id, deployment_id,"
            + " work_queue_name, flow_version, parameters, idempotency_key, context, empirical_policy, tags, run_count,"
            + " total_run_time, auto_scheduled, infrastructure_document_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING",
        id.toString(), now, now, r.name(), r.flowId().toString(), Columns.text(r.deploymentId()), r.workQueueName(),
        r.flowVersion(), Columns.json(r.parameters()), r.idempotencyKey(), Columns.json(r.context()),
        Columns.json(r.empiricalPolicy()), Columns.json(r.tags()), Columns.bit(r.autoScheduled()),
        Columns.text(r.infrastructureDocumentId()));
    if (inserted == 0) {
      return new Upsert<>(byIdempotencyKey(c, r.flowId(), r.idempotencyKey()).orElseThrow(), false);
    }
    if (r.state() != null) {
      setState(c, id, r.state(), true);
    }
    return new Upsert<>(byId(c, id).orElseThrow(), true);
  }

  public Optional<FlowRun> byId(Connection c, UUID id) throws SQLException {
    return Sql.one(c, "SELECT * FROM flow_run WHERE id = ?", FlowRunRepository::map, id.toString());
  }

  private Optional<FlowRun> byIdempotencyKey(Connection c, UUID flowId, String key) throws SQLException {
    return Sql.one(c, "SELECT * FROM flow_run WHERE flow_id = ? AND idempotency_key = ?", FlowRunRepository::map,
        flowId.toString(), key);
  }

  /**
   * Moves each run matching {@code where} (at most {@code limit}, the earliest due first) to the
   * state {@code next} gives it, each only if its state is still the one read: the server's own
   * services never overwrite what an agent or a flow just reported. Returns how many moved.
   */
  public int transitionEach(Connection c, Where where, int limit, java.util.function.Function<FlowRun, State> next)
      throws SQLException {
    int moved = 0;
    for (FlowRun run : filter(c, where, "r.next_scheduled_start_time, r.id", limit, 0)) {
      moved += write(c, run, stamp(run, next.apply(run))) ? 1 : 0;
    }
    return moved;
  }

  /** Records that the agent named {@code agent} (null when it gave no name) still holds these runs. */
  public void heartbeat(Connection c, List<UUID> runIds, String agent) throws SQLException {
    if (!runIds.isEmpty()) {
      Where where = new Where().in("id", runIds.stream().map(UUID::toString).toList());
      Object[] params = Stream.concat(Stream.of(Columns.micros(Columns.now()), agent), Arrays.stream(where.params()))
          .toArray();
      Sql.update(c, "UPDATE flow_run SET heartbeat = ?, heartbeat_agent = ?" + where.sql(), params);
    }
  }

  /** The names of the agents heartbeating the runs {@code where} selects (null for an agent that gave none). */
  public List<String> heartbeatAgents(Connection c, Where where) throws SQLException {
    return Sql.list(c, "SELECT DISTINCT r.heartbeat_agent FROM flow_run r" + where.sql(), row -> row.getString(1),
        where.params());
  }

  public List<FlowRun> filter(Connection c, Where where, String orderBy, int limit, int offset) throws SQLException {
    return Sql.list(c, "SELECT r.* FROM flow_run r" + where.sql() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?",
        FlowRunRepository::map, where.params(limit, offset));
  }

  public long count(Connection c, Where where) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM flow_run r" + where.sql(), where.params());
  }

  /**
   * SCHEDULED runs of a queue due before a time, the earliest first. A run awaiting a retry is
   * not claimable: the process that failed it retries it.
   */
  public List<FlowRun> claimable(Connection c, String queue, OffsetDateTime before, int limit) throws SQLException {
    return Sql.list(c, CLAIMABLE, FlowRunRepository::map, queue, OrchestrationRules.AWAITING_RETRY,
        Columns.micros(before), limit);
  }

  /**
   * Moves up to {@code limit} claimable runs of a queue to PENDING, by the orchestration rules,
   * and returns the ones this call won, each with a heartbeat from now. Call it in a transaction:
   * on PostgreSQL rows another claim is taking are skipped, so concurrent claimers take different
   * runs; SQLite runs write transactions one at a time.
   */
  public List<FlowRun> claim(Connection c, String queue, OffsetDateTime before, int limit, String agent)
      throws SQLException {
    String lock = c.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? " FOR UPDATE SKIP LOCKED" : "";
    List<FlowRun> due = Sql.list(c, CLAIMABLE + lock, FlowRunRepository::map, queue, OrchestrationRules.AWAITING_RETRY,
        Columns.micros(before), limit);
    List<FlowRun> won = new ArrayList<>();
    for (FlowRun run : due) {
      Optional<Transition> claimed = setState(c, run.id(), State.of(StateType.PENDING, null), false);
      if (claimed.isPresent() && claimed.get().result().accepted()) {
        won.add(byId(c, run.id()).orElseThrow());
      }
    }
    heartbeat(c, won.stream().map(FlowRun::id).toList(), agent);
    return won;
  }

  /** Runs of a queue that hold a slot: claimed and not yet finished. */
  public long countActive(Connection c, String queue) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM flow_run WHERE work_queue_name = ?"
        + " AND state_type IN ('PENDING', 'RUNNING', 'CANCELLING')", queue);
  }

  /** Applies the fields a PATCH may change. False when there is no such run. */
  public boolean patch(Connection c, UUID id, JsonNode patch) throws SQLException {
    Optional<FlowRun> existing = byId(c, id);
    if (existing.isEmpty()) {
      return false;
    }
    FlowRun run = existing.get();
    JsonNode policy = run.empiricalPolicy();
    if (patch.path("empirical_policy").isObject()) {
      policy = ((ObjectNode) defaultEmpiricalPolicy()).setAll((ObjectNode) patch.get("empirical_policy"));
    }
    Sql.update(c, "UPDATE flow_run SET updated = ?, name = ?, tags = ?, flow_version = ?, infrastructure_pid = ?,"
            + " parameters = ?, empirical_policy = ? WHERE id = ?",
        Columns.micros(Columns.now()), text(patch, "name", run.name()),
        patch.has("tags") ? Columns.json(patch.get("tags")) : Columns.json(run.tags()),
        text(patch, "flow_version", run.flowVersion()), text(patch, "infrastructure_pid", run.infrastructurePid()),
        Columns.json(patch.has("parameters") ? patch.get("parameters") : run.parameters()), Columns.json(policy),
        id.toString());
    return true;
  }

  /** Deletes a run with its states and logs. */
  public boolean delete(Connection c, UUID id) throws SQLException {
    Sql.update(c, "DELETE FROM log WHERE flow_run_id = ?", id.toString());
    return Sql.update(c, "DELETE FROM flow_run WHERE id = ?", id.toString()) > 0;
  }

  /**
   * Proposes a state. The write is a compare-and-set on the state the rules were checked
   * against: when another writer moved the run first, the rules run again on what it wrote.
   */
  public Optional<Transition> setState(Connection c, UUID id, State proposed, boolean force) throws SQLException {
    while (true) {
      Optional<FlowRun> found = byId(c, id);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      FlowRun run = found.get();
      Decision decision = OrchestrationRules.decide(run, proposed, force, Columns.now());
      ObjectNode details = Json.object().put("type", decision.status().name().toLowerCase() + "_details");
      if (decision.status() == OrchestrationResult.Status.WAIT) {
        details.put("delay_seconds", decision.delaySeconds());
      }
      if (decision.reason() != null) {
        details.put("reason", decision.reason());
      }
      State wanted = decision.status() == OrchestrationResult.Status.ACCEPT ? proposed : decision.instead();
      if (wanted == null) {
        return Optional.of(new Transition(new OrchestrationResult(run.state(), decision.status(), details), false,
            run.workQueueName()));
      }
      State state = stamp(run, wanted);
      if (write(c, run, state)) {
        return Optional.of(new Transition(new OrchestrationResult(state, decision.status(), details), true,
            run.workQueueName()));
      }
    }
  }

  public List<State> states(Connection c, UUID runId) throws SQLException {
    return Sql.list(c, "SELECT * FROM flow_run_state WHERE flow_run_id = ? ORDER BY timestamp", row -> new State(
        Columns.uuid(row, "id"), StateType.valueOf(row.getString("type")), row.getString("name"),
        Columns.time(row, "timestamp"), row.getString("message"), Columns.json(row, "data"),
        Json.convert(Columns.json(row, "state_details"), StateDetails.class)), runId.toString());
  }

  private static State stamp(FlowRun run, State proposed) {
    StateDetails details = proposed.stateDetails() == null ? StateDetails.empty() : proposed.stateDetails();
    details = details.withFlowRunId(run.id());
    if (details.scheduledTime() == null && run.state() != null && proposed.type() == StateType.PENDING) {
      details = details.withScheduledTime(run.state().stateDetails().scheduledTime());
    }
    if (details.scheduledTime() == null && proposed.type() == StateType.SCHEDULED) {
      details = details.withScheduledTime(Columns.now());
    }
    String name = proposed.name() == null ? proposed.type().displayName() : proposed.name();
    return new State(UUID.randomUUID(), proposed.type(), name, Columns.now(), proposed.message(), proposed.data(), details);
  }

  private static boolean write(Connection c, FlowRun run, State state) throws SQLException {
    OffsetDateTime now = state.timestamp();
    int runCount = run.runCount();
    OffsetDateTime start = run.startTime();
    OffsetDateTime end = run.endTime();
    double total = run.totalRunTime();
    OffsetDateTime expected = run.expectedStartTime();
    OffsetDateTime next = run.nextScheduledStartTime();
    if (state.type() == StateType.SCHEDULED) {
      next = state.stateDetails().scheduledTime();
    }
    if (expected == null) {
      // as Prefect does: a run is expected when it is first scheduled for, or else when it got its first state
      expected = state.type() == StateType.SCHEDULED ? next : now;
    }
    if (state.type() == StateType.RUNNING) {
      runCount++;
      start = start == null ? now : start;
    }
    if (state.isFinal()) {
      end = now;
      if (run.stateType() == StateType.RUNNING && run.state() != null) {
        total += Duration.between(run.state().timestamp(), now).toNanos() / 1e9;
      }
    }
    int updated = Sql.update(c, "UPDATE flow_run SET updated = ?, state_id = ?, state_type = ?, state_name = ?,"
            + " state_timestamp = ?, state_message = ?, state_details = ?, run_count = ?, start_time = ?, end_time = ?,"
            + " total_run_time = ?, expected_start_time = ?, next_scheduled_start_time = ?"
            + " WHERE id = ? AND " + (run.stateId() == null ? "state_id IS NULL" : "state_id = ?"),
        casParams(run, Columns.micros(now), state.id().toString(), state.type().name(), state.name(),
            Columns.micros(now), state.message(), Columns.json(state.stateDetails()), runCount, Columns.micros(start),
            Columns.micros(end), total, Columns.micros(expected), Columns.micros(next), run.id().toString()));
    if (updated == 0) {
      return false;
    }
    if (state.type() == StateType.SCHEDULED) {
      // scheduled again: no agent holds it until the next claim
      Sql.update(c, "UPDATE flow_run SET heartbeat = NULL, heartbeat_agent = NULL WHERE id = ?", run.id().toString());
    }
    Sql.update(c, "INSERT INTO flow_run_state (id, flow_run_id, type, name, timestamp, message, data, state_details)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        state.id().toString(), run.id().toString(), state.type().name(), state.name(), Columns.micros(now),
        state.message(), Columns.json(state.data()), Columns.json(state.stateDetails()));
    return true;
  }

  private static Object[] casParams(FlowRun run, Object... values) {
    if (run.stateId() == null) {
      return values;
    }
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = run.stateId().toString();
    return all;
  }

  static FlowRun map(ResultSet row) throws SQLException {
    OffsetDateTime now = Columns.now();
    String type = row.getString("state_type");
    StateType stateType = type == null ? null : StateType.valueOf(type);
    State state = stateType == null ? null : new State(Columns.uuid(row, "state_id"), stateType,
        row.getString("state_name"), Columns.time(row, "state_timestamp"), row.getString("state_message"), null,
        Json.convert(Columns.json(row, "state_details"), StateDetails.class));
    OffsetDateTime expected = Columns.time(row, "expected_start_time");
    OffsetDateTime start = Columns.time(row, "start_time");
    double total = row.getDouble("total_run_time");
    double estimatedRun = RunEstimates.runTime(stateType, state == null ? null : state.timestamp(), total, now);
    double startDelta = RunEstimates.lateness(stateType, expected, start, now);
    return new FlowRun(Columns.uuid(row, "id"), Columns.time(row, "created"), Columns.time(row, "updated"),
        row.getString("name"), Columns.uuid(row, "flow_id"), Columns.uuid(row, "state_id"),
        Columns.uuid(row, "deployment_id"), row.getString("work_queue_name"), row.getString("flow_version"),
        Columns.object(row, "parameters"), row.getString("idempotency_key"), Columns.json(row, "context"),
        Columns.json(row, "empirical_policy"), Columns.strings(row, "tags"), Columns.uuid(row, "parent_task_run_id"),
        stateType, row.getString("state_name"), row.getInt("run_count"), expected,
        Columns.time(row, "next_scheduled_start_time"), start, Columns.time(row, "end_time"), total, estimatedRun,
        startDelta, Columns.bool(row, "auto_scheduled"), Columns.uuid(row, "infrastructure_document_id"),
        row.getString("infrastructure_pid"), null, null, state);
  }

  private static String text(JsonNode patch, String field, String current) {
    return patch.has(field) ? (patch.get(field).isNull() ? null : patch.get(field).asText()) : current;
  }
}

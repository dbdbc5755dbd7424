package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.model.FlowRun;
import dev.ferry.model.WorkQueue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.Where;
import dev.ferry.server.db.WorkQueueRepository;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * {@code /work_queues}: create, read, patch, filter and {@code get_runs}, the agents' poll; and
 * {@code /ferry/work_queues/claim}, the ferry agent's long-polling claim over all its queues.
 */
final class WorkQueueRoutes {
  private static final String NOT_FOUND = "Work queue not found";

  /** The longest a claim may wait for runs to arrive. */
  private static final double MAX_WAIT_SECONDS = 20;
  /** How often a waiting claim looks again: the database is the one place every replica and process shares. */
  private static final long RECHECK_MILLIS = 100;

  /** How fresh {@code last_polled} is kept: recording every poll would make each poll a write. */
  private static final Duration POLL_RECORD_INTERVAL = Duration.ofSeconds(1);

  private final Database db;
  private final WorkQueueRepository queues = new WorkQueueRepository();
  private final FlowRunRepository runs = new FlowRunRepository();

  private final QueueSignals signals;

  WorkQueueRoutes(Database db, QueueSignals signals) {
    this.db = db;
    this.signals = signals;
  }

  void mount(Router api) {
    bind(api.post("/work_queues/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      String name = Requests.requiredText(body, "name");
      WorkQueueRepository.Fields fields = fields(body);
      return db.transaction(c -> queues.create(c, name, fields))
          .map(q -> Reply.created(q.orElseThrow(() -> ApiError.conflict("A work queue with this name already exists."))));
    });
    bind(api.post("/work_queues/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      return db.read(c -> queues.filter(c, Filters.workQueueWhere(body), limit, offset)).map(Reply::ok);
    });
    bind(api.get("/work_queues/name/:name"), ctx -> db.read(c -> queues.byName(c, ctx.pathParam("name")))
        .map(q -> Reply.ok(q.orElseThrow(() -> ApiError.notFound(NOT_FOUND)))));
    bind(api.get("/work_queues/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> queues.byId(c, id)).map(q -> Reply.ok(q.orElseThrow(() -> ApiError.notFound(NOT_FOUND))));
    });
    bind(api.patch("/work_queues/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      boolean clearLimit = body.has("concurrency_limit") && body.get("concurrency_limit").isNull();
      return db.transaction(c -> queues.patch(c, id, fields(body), clearLimit)).map(found -> {
        if (!found) {
          throw ApiError.notFound(NOT_FOUND);
        }
        return Reply.noContent();
      });
    });
    bind(api.delete("/work_queues/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.transaction(c -> queues.delete(c, id)).map(found -> {
        if (!found) {
          throw ApiError.notFound(NOT_FOUND);
        }
        return Reply.noContent();
      });
    });
    bind(api.get("/work_queues/:id/status"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> {
        WorkQueue queue = queues.byId(c, id).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
        return status(c, queue);
      }).map(Reply::ok);
    });
    bind(api.post("/work_queues/:id/get_runs"), ctx -> poll(ctx, List.of(Requests.pathId(ctx)), false));
    bind(api.post("/ferry/work_queues/claim"), ctx -> poll(ctx, Requests.uuids(Requests.body(ctx), "work_queue_ids"),
        true));
  }

  /**
   * Prefect's get_runs of one queue, or with {@code claim} ferry's claim over several: the same
   * runs, moved to PENDING for the caller in one transaction (one commit for the batch), each by
   * the orchestration rules, at most {@code limit} in all, the queues served in the order given.
   * Concurrent claimers take different runs, and each claimed run starts with a heartbeat, so a
   * claim whose answer never reached its agent is reaped like a lost run. A claim may wait for
   * runs ({@code ferry_wait_seconds}).
   */
  private Future<Reply> poll(io.vertx.ext.web.RoutingContext ctx, List<UUID> ids, boolean claim) {
    JsonNode body = Requests.body(ctx);
    int limit = Requests.limit(body);
    OffsetDateTime scheduledBefore = Requests.time(body, "scheduled_before");
    OffsetDateTime before = scheduledBefore == null ? Columns.now() : scheduledBefore;
    double wait = claim ? Math.min(MAX_WAIT_SECONDS, Math.max(0, body.path("ferry_wait_seconds").asDouble(0))) : 0;
    long deadline = System.nanoTime() + Math.round(wait * 1e9);
    BooleanSupplier gone = () -> ctx.response().closed();
    String agent = Requests.text(body, "ferry_agent_name");
    return getRuns(new Poll(ids, before, limit, claim, agent), gone, System.nanoTime(), deadline).map(Reply::ok);
  }

  /**
   * The runs of the queues due before {@code before}, claimed or not; when there are none yet and
   * the caller said it would wait, looks again (unless the caller hung up) as soon as this server
   * creates a run for one of the queues, and every 100 ms for runs created elsewhere, until runs
   * come or the wait is over, with {@code before} moving on as time passes.
   */
  private Future<List<FlowRun>> getRuns(Poll poll, BooleanSupplier gone, long start, long deadline) {
    if (gone.getAsBoolean()) {
      return Future.succeededFuture(List.of());
    }
    OffsetDateTime due = poll.before().plusNanos(System.nanoTime() - start);
    Database.Work<Polled> look = c -> {
      List<String> names = new ArrayList<>();
      List<FlowRun> found = new ArrayList<>();
      for (UUID id : poll.queueIds()) {
        WorkQueue queue = queues.byId(c, id)
            .orElseThrow(() -> ApiError.message(404, "Work queue with id " + id + " not found."));
        names.add(queue.name());
        if (queue.lastPolled() == null || queue.lastPolled().isBefore(Columns.now().minus(POLL_RECORD_INTERVAL))) {
          queues.markPolled(c, id);
        }
        int open = openSlots(c, queue, poll.limit() - found.size());
        if (open > 0) {
          found.addAll(poll.claim() ? runs.claim(c, queue.name(), due, open, poll.agent())
              : runs.claimable(c, queue.name(), due, open));
        }
      }
      return new Polled(names, found);
    };
    return (poll.claim() ? db.transaction(look) : db.read(look)).compose(polled -> polled.runs().isEmpty()
        && System.nanoTime() < deadline
        ? signals.next(polled.queues(), RECHECK_MILLIS).compose(ignored -> getRuns(poll, gone, start, deadline))
        : Future.succeededFuture(polled.runs()));
  }

  /** A get_runs or claim: of which queues, due before when, how many at most, to claim or not, for which agent. */
  private record Poll(List<UUID> queueIds, OffsetDateTime before, int limit, boolean claim, String agent) {}

  /** What one look at the queues found. */
  private record Polled(List<String> queues, List<FlowRun> runs) {}

  /** How many runs the queue may hand out now: none while paused, at most what its concurrency limit leaves. */
  private int openSlots(Connection c, WorkQueue queue, int limit) throws SQLException {
    if (queue.isPaused()) {
      return 0;
    }
    if (queue.concurrencyLimit() == null) {
      return limit;
    }
    return (int) Math.max(0, Math.min(limit, queue.concurrencyLimit() - runs.countActive(c, queue.name())));
  }

  /**
   * Prefect's queue health: healthy when it was polled in the last minute and has no late runs
   * (SCHEDULED runs more than 15 s past their start).
   */
  private ObjectNode status(Connection c, WorkQueue queue)
      throws SQLException {
    OffsetDateTime now = Columns.now();
    long late = runs.count(c, new Where().condition("r.work_queue_name = ?", queue.name())
        .condition("r.state_type = 'SCHEDULED'")
        .condition("r.next_scheduled_start_time < ?", Columns.micros(now.minusSeconds(15))));
    boolean polled = queue.lastPolled() != null && queue.lastPolled().isAfter(now.minusSeconds(60));
    var status = Json.object().put("healthy", polled && late == 0).put("late_runs_count", late);
    status.set("last_polled", Json.toTree(queue.lastPolled()));
    status.putObject("health_check_policy").put("maximum_late_runs", 0).put("maximum_seconds_since_last_polled", 60);
    return status;
  }

  private static WorkQueueRepository.Fields fields(JsonNode body) {
    return new WorkQueueRepository.Fields(Requests.text(body, "description"),
        body.hasNonNull("is_paused") ? body.get("is_paused").asBoolean() : null,
        body.hasNonNull("concurrency_limit") ? body.get("concurrency_limit").asInt() : null,
        body.hasNonNull("priority") ? body.get("priority").asInt() : null);
  }
}

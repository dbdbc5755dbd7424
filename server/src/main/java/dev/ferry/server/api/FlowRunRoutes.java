package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.FlowRepository;
import dev.ferry.server.db.FlowRunHistory;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.LaunchRepository;
import dev.ferry.server.db.Where;
import dev.ferry.server.orchestration.RunNames;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /flow_runs} and {@code /flow_run_states}: read, patch, delete, filter, count, history and propose states;
 * and ferry's {@code /ferry/flow_runs/{id}/launch}: what an agent launched for a run, for the dashboard.
 */
final class FlowRunRoutes {
  private static final String NOT_FOUND = "Flow run not found";
  private static final Duration LONGEST_HISTORY_INTERVAL = Duration.ofDays(36_525);

  private final Database db;
  private final FlowRunRepository runs = new FlowRunRepository();
  private final FlowRepository flows = new FlowRepository();
  private final LaunchRepository launches = new LaunchRepository();
  private final FlowRunHistory history = new FlowRunHistory();

  private final QueueSignals signals;

  FlowRunRoutes(Database db, QueueSignals signals) {
    this.db = db;
    this.signals = signals;
  }

  void mount(Router api) {
    bind(api.post("/flow_runs/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      UUID flowId = Requests.uuid(body, "flow_id");
      if (flowId == null) {
        Requests.required(body, "flow_id");
      }
      State state = body.hasNonNull("state") ? state(body) : State.of(StateType.PENDING, null);
      return db.transaction(c -> {
        if (flows.byId(c, flowId).isEmpty()) {
          throw ApiError.conflict("Data integrity conflict: flow " + flowId + " does not exist.");
        }
        String name = Requests.text(body, "name");
        return runs.insert(c, new FlowRunRepository.NewRun(flowId, Requests.uuid(body, "deployment_id"),
            name == null ? RunNames.next() : name, Requests.text(body, "work_queue_name"),
            Requests.text(body, "flow_version"),
            body.path("parameters").isObject() ? (ObjectNode) body.get("parameters") : Json.object(),
            Requests.text(body, "idempotency_key"), body.path("context").isObject() ? body.get("context") : Json.object(),
            DeploymentRoutes.empiricalPolicy(body), Requests.strings(body, "tags"),
            Requests.uuid(body, "infrastructure_document_id"), false, state));
      }).map(u -> {
        signals.arrived(String.valueOf(u.value().workQueueName()));
        return new Reply(u.created() ? 201 : 200, u.value());
      });
    });
    bind(api.post("/flow_runs/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      String order = Filters.flowRunOrder(body);
      return db.read(c -> runs.filter(c, Filters.flowRunWhere(body), order, limit, offset)).map(Reply::ok);
    });
    bind(api.post("/flow_runs/history"), ctx -> {
      JsonNode body = Requests.body(ctx);
      Requests.required(body, "history_start");
      Requests.required(body, "history_end");
      OffsetDateTime start = Requests.time(body, "history_start");
      OffsetDateTime end = Requests.time(body, "history_end");
      Duration interval = historyInterval(body);
      if (end.isBefore(start)) {
        throw ApiError.detail(422, "history_end " + end + " is before history_start " + start + "; swap them");
      }
      long count = FlowRunHistory.intervals(start, end, interval);
      if (count > FlowRunHistory.MAX_INTERVALS) {
        throw ApiError.detail(422, "A history of " + count + " intervals is too long: at most "
            + FlowRunHistory.MAX_INTERVALS + "; ask with history_interval_seconds of at least "
            + FlowRunHistory.shortestInterval(start, end).toSeconds() + " or a shorter time range");
      }
      Where where = Filters.flowRunWhere(body);
      return db.read(c -> history.read(c, where, start, (int) count, interval)).map(Reply::ok);
    });
    bind(api.get("/flow_runs/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> runs.byId(c, id)).map(r -> Reply.ok(r.orElseThrow(() -> ApiError.notFound(NOT_FOUND))));
    });
    bind(api.patch("/flow_runs/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      return db.transaction(c -> runs.patch(c, id, body)).map(found -> noContentOr404(found));
    });
    bind(api.delete("/flow_runs/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.transaction(c -> runs.delete(c, id)).map(FlowRunRoutes::noContentOr404);
    });
    bind(api.post("/flow_runs/:id/set_state"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      State proposed = state(body);
      boolean force = body.path("force").asBoolean(false);
      return db.transaction(c -> runs.setState(c, id, proposed, force)).map(t -> {
        FlowRunRepository.Transition transition = t.orElseThrow(
            () -> ApiError.message(404, "Flow run with id " + id + " not found"));
        if (transition.written() && proposed.type() == StateType.SCHEDULED) {
          signals.arrived(String.valueOf(transition.queueName()));
        }
        return new Reply(transition.written() ? 201 : 200, transition.result());
      });
    });
    bind(api.post("/flow_runs/count"), ctx -> {
      JsonNode body = Requests.body(ctx);
      return db.read(c -> runs.count(c, Filters.flowRunWhere(body))).map(Reply::ok);
    });
    bind(api.post("/ferry/heartbeats"), ctx -> {
      JsonNode body = Requests.body(ctx);
      List<UUID> ids = Requests.strings(body, "flow_run_ids").stream().map(UUID::fromString).toList();
      String agent = Requests.text(body, "agent_name");
      return db.transaction(c -> {
        runs.heartbeat(c, ids, agent);
        return null;
      }).map(ignored -> Reply.noContent());
    });
    bind(api.put("/ferry/flow_runs/:id/launch"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      if (!body.isObject()) {
        throw ApiError.invalid(List.of("body"), "value is not a valid dict", "type_error.dict", body);
      }
      return db.transaction(c -> launches.put(c, id, (ObjectNode) body)).map(FlowRunRoutes::noContentOr404);
    });
    bind(api.get("/ferry/flow_runs/:id/launch"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> {
        Optional<LaunchRepository.Launch> launch = launches.get(c, id);
        if (launch.isEmpty() && runs.byId(c, id).isEmpty()) {
          throw ApiError.notFound(NOT_FOUND);
        }
        return Reply.ok(launch.orElseThrow(() -> ApiError.notFound("No launch is recorded for flow run " + id
            + ": the agent that launches it records one")));
      });
    });
    bind(api.get("/flow_run_states/"), ctx -> {
      String runId = ctx.queryParams().get("flow_run_id");
      if (runId == null) {
        throw ApiError.invalid(List.of("query", "flow_run_id"), "field required", "value_error.missing", null);
      }
      UUID id;
      try {
        id = UUID.fromString(runId);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid(List.of("query", "flow_run_id"), "value is not a valid uuid", "type_error.uuid", null);
      }
      return db.read(c -> runs.states(c, id)).map(Reply::ok);
    });
  }

  /** The proposed state of a set_state or create body, with a 422 naming what is wrong. */
  private static State state(JsonNode body) {
    JsonNode state = Requests.required(body, "state");
    JsonNode type = state.get("type");
    if (type == null || type.isNull()) {
      throw ApiError.invalid(List.of("body", "state", "type"), "field required", "value_error.missing", body);
    }
    try {
      StateType.valueOf(type.asText());
    } catch (IllegalArgumentException e) {
      throw ApiError.notOneOf(List.of("body", "state", "type"),
          Arrays.stream(StateType.values()).map(StateType::name).toList(), body);
    }
    return Json.convert(state, State.class);
  }

  /**
   * The history interval of a body, at least a second: seconds (a number or numeric text) or an
   * ISO 8601 duration ({@code PT1H}), as Prefect takes it; to the microsecond.
   */
  private static Duration historyInterval(JsonNode body) {
    JsonNode value = Requests.required(body, "history_interval_seconds");
    Duration interval = null;
    try {
      if (value.isNumber() || value.isTextual() && value.asText().matches("\\d+(\\.\\d*)?")) {
        interval = Duration.of(Math.round(value.asDouble() * 1e6), ChronoUnit.MICROS);
      } else if (value.isTextual()) {
        interval = Duration.parse(value.asText()).truncatedTo(ChronoUnit.MICROS);
      }
    } catch (DateTimeParseException e) {
      interval = null;
    }
    if (interval == null) {
      throw ApiError.invalid(List.of("body", "history_interval_seconds"), "invalid duration format",
          "value_error.duration", body);
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw ApiError.detail(422, "History interval must not be less than 1 second.");
    }
    if (interval.compareTo(LONGEST_HISTORY_INTERVAL) > 0) {
      throw ApiError.detail(422, "History interval must not be more than 100 years.");
    }
    return interval;
  }

  private static Reply noContentOr404(boolean found) {
    if (!found) {
      throw ApiError.notFound(NOT_FOUND);
    }
    return Reply.noContent();
  }
}

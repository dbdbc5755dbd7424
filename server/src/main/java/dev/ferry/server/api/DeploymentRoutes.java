package dev.ferry.server.api;

import static dev.ferry.server.api.Replies.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.blocks.BlockFields;
import dev.ferry.error.InvalidInputException;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.Deployment;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.server.api.Replies.Reply;
import dev.ferry.server.db.BlockRepository;
import dev.ferry.server.db.Database;
import dev.ferry.server.db.DeploymentRepository;
import dev.ferry.server.db.FlowRepository;
import dev.ferry.server.db.FlowRunRepository;
import dev.ferry.server.db.WorkQueueRepository;
import dev.ferry.server.db.Columns;
import dev.ferry.server.orchestration.RunNames;
import dev.ferry.server.schedule.Schedule;
import dev.ferry.server.services.Services;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /deployments}: upsert by flow and name, read, filter, patch (with its overrides checked
 * against its infrastructure block), delete, and {@code create_flow_run}.
 */
final class DeploymentRoutes {
  private static final String NOT_FOUND = "Deployment not found";

  private final Database db;
  private final Services services;
  private final FlowRepository flows = new FlowRepository();
  private final DeploymentRepository deployments = new DeploymentRepository();
  private final FlowRunRepository runs = new FlowRunRepository();
  private final WorkQueueRepository queues = new WorkQueueRepository();
  private final BlockRepository blocks = new BlockRepository();

  private final QueueSignals signals;

  DeploymentRoutes(Database db, Services services, QueueSignals signals) {
    this.db = db;
    this.services = services;
    this.signals = signals;
  }

  void mount(Router api) {
    bind(api.post("/deployments/"), ctx -> {
      JsonNode body = Requests.body(ctx);
      DeploymentRepository.Fields fields = fields(body);
      return db.transaction(c -> {
        if (flows.byId(c, fields.flowId()).isEmpty()) {
          throw ApiError.conflict("Data integrity conflict: flow " + fields.flowId() + " does not exist.");
        }
        if (fields.workQueueName() != null) {
          queues.ensure(c, fields.workQueueName());
        }
        return deployments.upsert(c, fields);
      }).map(u -> new Reply(u.created() ? 201 : 200, u.value()));
    });
    bind(api.post("/deployments/filter"), ctx -> {
      JsonNode body = Requests.body(ctx);
      int limit = Requests.limit(body);
      int offset = Requests.offset(body);
      return db.read(c -> deployments.filter(c, Filters.deploymentWhere(body), limit, offset)).map(Reply::ok);
    });
    bind(api.post("/deployments/count"), ctx -> {
      JsonNode body = Requests.body(ctx);
      return db.read(c -> deployments.count(c, Filters.deploymentWhere(body))).map(Reply::ok);
    });
    bind(api.patch("/deployments/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      DeploymentUpdate.check(body);
      schedule(body);
      return db.transaction(c -> {
        Deployment d = deployments.byId(c, id).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
        checkOverrides(c, d, body);
        String queue = Requests.text(body, "work_queue_name");
        if (queue != null) {
          queues.ensure(c, queue);
        }
        deployments.patch(c, id, body);
        return Reply.noContent();
      });
    });
    bind(api.post("/deployments/:id/set_schedule_active"), ctx -> scheduleActive(Requests.pathId(ctx), true));
    bind(api.post("/deployments/:id/set_schedule_inactive"), ctx -> scheduleActive(Requests.pathId(ctx), false));
    bind(api.post("/deployments/:id/schedule"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      Instant now = Columns.now().toInstant();
      OffsetDateTime startTime = Requests.time(body, "start_time");
      OffsetDateTime endTime = Requests.time(body, "end_time");
      Instant start = startTime == null ? now : startTime.toInstant();
      Instant end = endTime == null ? start.plus(Duration.ofDays(100)) : endTime.toInstant();
      int maxRuns = body.hasNonNull("max_runs") ? body.get("max_runs").asInt() : 100;
      return db.read(c -> deployments.byId(c, id)).compose(found -> {
        found.orElseThrow(() -> ApiError.notFound(NOT_FOUND));
        return services.schedule(id, start, end, maxRuns);
      }).map(created -> Reply.ok(null));
    });
    bind(api.get("/deployments/name/:flow/:name"), ctx ->
        db.read(c -> deployments.byName(c, ctx.pathParam("flow"), ctx.pathParam("name")))
            .map(d -> Reply.ok(d.orElseThrow(() -> ApiError.notFound(NOT_FOUND)))));
    bind(api.get("/deployments/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.read(c -> deployments.byId(c, id)).map(d -> Reply.ok(d.orElseThrow(() -> ApiError.notFound(NOT_FOUND))));
    });
    bind(api.delete("/deployments/:id"), ctx -> {
      UUID id = Requests.pathId(ctx);
      return db.transaction(c -> {
        deployments.deleteAutoScheduledRuns(c, id);
        return deployments.delete(c, id);
      }).map(DeploymentRoutes::noContentOr404);
    });
    bind(api.post("/deployments/:id/create_flow_run"), ctx -> {
      UUID id = Requests.pathId(ctx);
      JsonNode body = Requests.body(ctx);
      return db.transaction(c -> {
        Deployment d = deployments.byId(c, id).orElseThrow(() -> ApiError.notFound(NOT_FOUND));
        return runs.insert(c, newRun(d, body));
      }).map(u -> {
        signals.arrived(u.value().workQueueName());
        return new Reply(u.created() ? 201 : 200, u.value());
      });
    });
  }

  private io.vertx.core.Future<Reply> scheduleActive(UUID id, boolean active) {
    return db.transaction(c -> deployments.setScheduleActive(c, id, active)).map(found -> {
      if (!found) {
        throw ApiError.notFound(NOT_FOUND);
      }
      return Reply.ok(null);
    });
  }

  private static Reply noContentOr404(boolean found) {
    if (!found) {
      throw ApiError.notFound(NOT_FOUND);
    }
    return Reply.noContent();
  }

  /**
   * Checks the overrides a PATCH leaves a deployment with against the fields of the infrastructure
   * block it leaves it with (a process block when none), as {@code ferry deployment build} and
   * {@code apply} do, when the PATCH changes either: a 422 naming the key, the block type and its
   * fields, or the type a field takes. Overrides it leaves as they are pass as they did, so that a
   * client that sends the whole deployment back, as Prefect's {@code pause-schedule} does, is not
   * refused for a key the deployment was created with.
   */
  private void checkOverrides(Connection c, Deployment d, JsonNode body) throws SQLException {
    ObjectNode overrides = body.has("infra_overrides") ? (ObjectNode) body.get("infra_overrides") : d.infraOverrides();
    UUID block = body.has("infrastructure_document_id") ? Requests.uuid(body, "infrastructure_document_id")
        : d.infrastructureDocumentId();
    if (overrides.equals(d.infraOverrides()) && Objects.equals(block, d.infrastructureDocumentId())) {
      return;
    }
    BlockFields fields = block == null ? BlockCatalog.bySlug("process").blockFields()
        : blocks.documentSchema(c, block).map(s -> new BlockFields(s.blockType().slug(), s.fields())).orElseThrow(
            () -> ApiError.conflict("Data integrity conflict: block document " + block + " does not exist."));
    for (Map.Entry<String, JsonNode> override : overrides.properties()) {
      try {
        Overrides.validate(fields, Json.object().set(override.getKey(), override.getValue()));
        if (!override.getKey().contains(".")) {
          fields.requireValue(override.getKey(), override.getValue());
        }
      } catch (InvalidInputException e) {
        throw ApiError.invalid(List.of("body", "infra_overrides", override.getKey()), e.getMessage(), "value_error",
            body);
      }
    }
  }

  /** A schedule of a request body, checked: a 422 naming the key at fault when it is malformed. */
  private static JsonNode schedule(JsonNode body) {
    JsonNode schedule = body.get("schedule");
    if (schedule != null && !schedule.isNull()) {
      try {
        Schedule.parse(schedule);
      } catch (InvalidInputException e) {
        throw ApiError.invalid(List.of("body", "schedule"), e.getMessage(), "value_error", body);
      }
    }
    return schedule;
  }

  /** The run a deployment starts: its parameters under the request's, tags united, its queue and infrastructure. */
  private static FlowRunRepository.NewRun newRun(Deployment d, JsonNode body) {
    ObjectNode parameters = d.parameters().deepCopy();
    if (body.path("parameters").isObject()) {
      parameters.setAll((ObjectNode) body.get("parameters"));
    }
    LinkedHashSet<String> tags = new LinkedHashSet<>(d.tags());
    tags.addAll(Requests.strings(body, "tags"));
    State state = body.hasNonNull("state") ? Json.convert(body.get("state"), State.class) : State.of(StateType.PENDING, null);
    String name = Requests.text(body, "name");
    UUID infrastructure = Requests.uuid(body, "infrastructure_document_id");
    return new FlowRunRepository.NewRun(d.flowId(), d.id(), name == null ? RunNames.next() : name, d.workQueueName(),
        d.version(), parameters, Requests.text(body, "idempotency_key"),
        body.path("context").isObject() ? body.get("context") : Json.object(), empiricalPolicy(body), List.copyOf(tags),
        infrastructure != null ? infrastructure : d.infrastructureDocumentId(), false, state);
  }

  static JsonNode empiricalPolicy(JsonNode body) {
    return body.path("empirical_policy").isObject() ? body.get("empirical_policy")
        : FlowRunRepository.defaultEmpiricalPolicy();
  }

  private static DeploymentRepository.Fields fields(JsonNode body) {
    String name = Requests.requiredText(body, "name");
    UUID flowId = Requests.uuid(body, "flow_id");
    if (flowId == null) {
      Requests.required(body, "flow_id");
    }
    return new DeploymentRepository.Fields(name, flowId, Requests.text(body, "version"),
        Requests.text(body, "description"), schedule(body),
        !body.hasNonNull("is_schedule_active") || body.get("is_schedule_active").asBoolean(),
        objectOrEmpty(body, "infra_overrides"), objectOrEmpty(body, "parameters"), Requests.strings(body, "tags"),
        Requests.text(body, "work_queue_name"), body.get("parameter_openapi_schema"), Requests.text(body, "path"),
        Requests.text(body, "entrypoint"), Requests.text(body, "manifest_path"),
        Requests.uuid(body, "storage_document_id"), Requests.uuid(body, "infrastructure_document_id"));
  }

  private static ObjectNode objectOrEmpty(JsonNode body, String field) {
    return body.path(field).isObject() ? (ObjectNode) body.get(field) : Json.object();
  }
}

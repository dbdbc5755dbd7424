package dev.ferry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.server.db.Columns;
import dev.ferry.server.db.Where;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prefect's filter language ({@code {"flow_runs": {"name": {"any_": [...]}}}}) turned into SQL
 * conditions. Each {@code *Where} method reads one section of a filter body.
 */
public final class Filters {
  /** Prefect's flow-run sorts, in the order its 422 lists them, with their ORDER BY. */
  private static final Map<String, String> FLOW_RUN_SORTS = new LinkedHashMap<>();

  static {
    FLOW_RUN_SORTS.put("ID_DESC", "r.id DESC");
    FLOW_RUN_SORTS.put("START_TIME_ASC", "r.start_time");
    FLOW_RUN_SORTS.put("START_TIME_DESC", "r.start_time DESC");
    FLOW_RUN_SORTS.put("EXPECTED_START_TIME_ASC", "r.expected_start_time");
    FLOW_RUN_SORTS.put("EXPECTED_START_TIME_DESC", "r.expected_start_time DESC");
    FLOW_RUN_SORTS.put("NAME_ASC", "r.name");
    FLOW_RUN_SORTS.put("NAME_DESC", "r.name DESC");
    FLOW_RUN_SORTS.put("NEXT_SCHEDULED_START_TIME_ASC", "r.next_scheduled_start_time");
    FLOW_RUN_SORTS.put("END_TIME_DESC", "r.end_time DESC");
  }

  private Filters() {}

  /** The conditions on flow runs ({@code r}) of a filter body's flow_runs, deployments and flows sections. */
  public static Where flowRunWhere(JsonNode body) {
    Where where = new Where();
    JsonNode runs = body.path("flow_runs");
    where.in("r.id", values(runs.path("id"), "any_"));
    where.notIn("r.id", values(runs.path("id"), "not_any_"));
    where.in("r.name", values(runs.path("name"), "any_"));
    where.in("r.deployment_id", values(runs.path("deployment_id"), "any_"));
    where.in("r.work_queue_name", values(runs.path("work_queue_name"), "any_"));
    where.in("r.state_type", values(runs.path("state").path("type"), "any_"));
    where.in("r.state_name", values(runs.path("state").path("name"), "any_"));
    tagsAll(where, "r.tags", values(runs.path("tags"), "all_"));
    time(where, body, "r.expected_start_time", runs.path("expected_start_time"), "flow_runs");
    where.in("r.deployment_id", values(body.path("deployments").path("id"), "any_"));
    JsonNode flows = body.path("flows");
    where.in("r.flow_id", values(flows.path("id"), "any_"));
    List<String> flowNames = values(flows.path("name"), "any_");
    if (flowNames != null) {
      Where byName = new Where().in("name", flowNames);
      where.condition("r.flow_id IN (SELECT id FROM flow" + byName.sql() + ")", byName.params());
    }
    return where;
  }

  /** The ORDER BY of a flow-run filter's {@code sort}; a 422 for an unknown one. */
  public static String flowRunOrder(JsonNode body) {
    JsonNode sort = body.get("sort");
    if (sort == null || sort.isNull()) {
      return "r.expected_start_time DESC, r.id";
    }
    String order = FLOW_RUN_SORTS.get(sort.asText());
    if (order == null) {
      throw ApiError.notOneOf(List.of("body", "sort"), FLOW_RUN_SORTS.keySet(), body);
    }
    return order + ", r.id";
  }

  /** Conditions on deployments ({@code d}) joined with their flow ({@code f}). */
  public static Where deploymentWhere(JsonNode body) {
    Where where = new Where();
    JsonNode deployments = body.path("deployments");
    where.in("d.id", values(deployments.path("id"), "any_"));
    where.in("d.name", values(deployments.path("name"), "any_"));
    where.in("d.work_queue_name", values(deployments.path("work_queue_name"), "any_"));
    tagsAll(where, "d.tags", values(deployments.path("tags"), "all_"));
    where.in("f.name", values(body.path("flows").path("name"), "any_"));
    where.in("f.id", values(body.path("flows").path("id"), "any_"));
    return where;
  }

  public static Where flowWhere(JsonNode body) {
    JsonNode flows = body.path("flows");
    return new Where().in("id", values(flows.path("id"), "any_")).in("name", values(flows.path("name"), "any_"));
  }

  public static Where workQueueWhere(JsonNode body) {
    JsonNode queues = body.path("work_queues");
    Where where = new Where().in("name", values(queues.path("name"), "any_")).in("id", values(queues.path("id"), "any_"));
    List<String> prefixes = values(queues.path("name"), "startswith_");
    if (prefixes != null && !prefixes.isEmpty()) {
      where.condition("(" + String.join(" OR ", java.util.Collections.nCopies(prefixes.size(), "name LIKE ?")) + ")",
          prefixes.stream().map(p -> p.replace("%", "\\%") + "%").toArray());
    }
    return where;
  }

  /** Conditions on logs of a filter body's logs section. */
  public static Where logWhere(JsonNode body) {
    JsonNode logs = body.path("logs");
    Where where = new Where().in("flow_run_id", values(logs.path("flow_run_id"), "any_"));
    JsonNode level = logs.path("level");
    if (level.hasNonNull("ge_")) {
      where.condition("level >= ?", level.get("ge_").asInt());
    }
    if (level.hasNonNull("le_")) {
      where.condition("level <= ?", level.get("le_").asInt());
    }
    time(where, body, "timestamp", logs.path("timestamp"), "logs");
    return where;
  }

  /** The values of {@code node[operator]}, or null when the filter does not set it. */
  static List<String> values(JsonNode node, String operator) {
    JsonNode list = node.get(operator);
    if (list == null || list.isNull()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static void tagsAll(Where where, String column, List<String> tags) {
    if (tags != null) {
      for (String tag : tags) {
        where.condition(column + " LIKE ?", "%" + dev.ferry.json.Json.write(tag) + "%");
      }
    }
  }

  private static void time(Where where, JsonNode body, String column, JsonNode filter, String section) {
    for (String op : List.of("before_", "after_")) {
      if (filter.hasNonNull(op)) {
        OffsetDateTime at;
        try {
          at = OffsetDateTime.parse(filter.get(op).asText());
        } catch (DateTimeParseException e) {
          throw ApiError.invalid(List.of("body", section, column.replace("r.", ""), op), "invalid datetime format",
              "value_error.datetime", body);
        }
        where.condition(column + (op.equals("before_") ? " <= ?" : " >= ?"), Columns.micros(at));
      }
    }
  }
}

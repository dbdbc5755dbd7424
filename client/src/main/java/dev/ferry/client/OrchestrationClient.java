package dev.ferry.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.BlockType;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import dev.ferry.model.FlowRun;
import dev.ferry.model.LogRecord;
import dev.ferry.model.OrchestrationResult;
import dev.ferry.model.State;
import dev.ferry.model.WorkQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Typed calls to a Prefect 2.7-compatible orchestration API, in the paths and bodies Prefect's
 * own client sends. Every call returns a future completed on the caller's Vert.x context; errors
 * are {@link ApiException}s whose message names the call and the URL.
 */
public final class OrchestrationClient implements AutoCloseable {
  /** Connections kept to the API: enough for an agent's concurrent runs and a long poll per queue. */
  private static final int CONNECTIONS = 32;

  private final HttpTransport http;

  public OrchestrationClient(Vertx vertx, URI apiUrl, String apiKey) {
    WebClient web = WebClient.create(vertx, new WebClientOptions().setUserAgent("ferry"),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.http = new HttpTransport(web, apiUrl, apiKey);
  }

  public URI apiUrl() {
    return http.apiUrl();
  }

  public Future<Boolean> health() {
    return http.call(HttpMethod.GET, "/health", null, type(Boolean.class));
  }

  /** The Prefect version the server answers as, e.g. {@code 2.7.12}. */
  public Future<String> serverVersion() {
    return http.call(HttpMethod.GET, "/admin/version", null, type(String.class));
  }

  // flows

  public Future<Flow> createFlow(String name) {
    return http.call(HttpMethod.POST, "/flows/", Json.object().put("name", name).set("tags", Json.MAPPER.createArrayNode()),
        type(Flow.class));
  }

  public Future<Flow> readFlow(UUID id) {
    return http.call(HttpMethod.GET, "/flows/" + id, null, type(Flow.class));
  }

  public Future<List<Flow>> filterFlows(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/flows/filter", filter, list(Flow.class));
  }

  // deployments

  /** Creates or replaces (by flow and name) a deployment from a Prefect DeploymentCreate body. */
  public Future<Deployment> createDeployment(ObjectNode body) {
    return http.call(HttpMethod.POST, "/deployments/", body, type(Deployment.class));
  }

  public Future<Deployment> readDeployment(UUID id) {
    return http.call(HttpMethod.GET, "/deployments/" + id, null, type(Deployment.class));
  }

  public Future<Deployment> readDeploymentByName(String flowName, String deploymentName) {
    return http.call(HttpMethod.GET, "/deployments/name/" + encode(flowName) + "/" + encode(deploymentName), null,
        type(Deployment.class));
  }

  public Future<List<Deployment>> filterDeployments(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/deployments/filter", filter, list(Deployment.class));
  }

  public Future<Void> patchDeployment(UUID id, ObjectNode patch) {
    return http.call(HttpMethod.PATCH, "/deployments/" + id, patch, null);
  }

  /** Turns a deployment's schedule on or off; off also drops the runs it had planned. */
  public Future<Void> setScheduleActive(UUID id, boolean active) {
    return http.call(HttpMethod.POST, "/deployments/" + id + (active ? "/set_schedule_active" : "/set_schedule_inactive"),
        null, null);
  }

  /** Asks the server to create the planned runs of a deployment's schedule now. */
  public Future<Void> scheduleRuns(UUID id) {
    return http.call(HttpMethod.POST, "/deployments/" + id + "/schedule", Json.object(), null);
  }

  public Future<Void> deleteDeployment(UUID id) {
    return http.call(HttpMethod.DELETE, "/deployments/" + id, null, null);
  }

  /** Starts a run of a deployment; the body may carry parameters, tags, a name and a state. */
  public Future<FlowRun> createFlowRun(UUID deploymentId, ObjectNode body) {
    return http.call(HttpMethod.POST, "/deployments/" + deploymentId + "/create_flow_run", body, type(FlowRun.class));
  }

  // flow runs

  public Future<FlowRun> readFlowRun(UUID id) {
    return http.call(HttpMethod.GET, "/flow_runs/" + id, null, type(FlowRun.class));
  }

  public Future<List<FlowRun>> filterFlowRuns(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/flow_runs/filter", filter, list(FlowRun.class));
  }

  public Future<Void> deleteFlowRun(UUID id) {
    return http.call(HttpMethod.DELETE, "/flow_runs/" + id, null, null);
  }

  public Future<Long> countFlowRuns(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/flow_runs/count", filter, type(Long.class));
  }

  /**
   * Tells a ferry server this agent still holds these runs, so its reaper leaves them be. A
   * ferry extension: other Prefect servers answer 404.
   */
  public Future<Void> heartbeat(String agentName, List<UUID> runIds) {
    ObjectNode body = Json.object().put("agent_name", agentName);
    body.set("flow_run_ids", Json.toTree(runIds));
    return http.call(HttpMethod.POST, "/ferry/heartbeats", body, null);
  }

  public Future<Void> patchFlowRun(UUID id, ObjectNode patch) {
    return http.call(HttpMethod.PATCH, "/flow_runs/" + id, patch, null);
  }

  /** Records on a ferry server what an agent launched for a run ({@code PUT /ferry/flow_runs/{id}/launch}). */
  public Future<Void> recordLaunch(UUID id, JsonNode launch) {
    return http.call(HttpMethod.PUT, "/ferry/flow_runs/" + id + "/launch", launch, null);
  }

  /** Proposes a state; the answer says whether the server accepted it, and why not. */
  public Future<OrchestrationResult> setFlowRunState(UUID id, State state, boolean force) {
    ObjectNode body = Json.object().put("force", force);
    body.set("state", state.asProposal());
    return http.call(HttpMethod.POST, "/flow_runs/" + id + "/set_state", body, type(OrchestrationResult.class));
  }

  public Future<List<State>> readFlowRunStates(UUID id) {
    return http.call(HttpMethod.GET, "/flow_run_states/?flow_run_id=" + id, null, list(State.class));
  }

  // work queues

  public Future<WorkQueue> readWorkQueueByName(String name) {
    return http.call(HttpMethod.GET, "/work_queues/name/" + encode(name), null, type(WorkQueue.class));
  }

  public Future<WorkQueue> createWorkQueue(String name) {
    return createWorkQueue(Json.object().put("name", name));
  }

  /** Creates a queue from a Prefect WorkQueueCreate body (name, description, concurrency_limit, is_paused...). */
  public Future<WorkQueue> createWorkQueue(ObjectNode body) {
    return http.call(HttpMethod.POST, "/work_queues/", body, type(WorkQueue.class));
  }

  public Future<List<WorkQueue>> filterWorkQueues(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/work_queues/filter", filter, list(WorkQueue.class));
  }

  public Future<Void> patchWorkQueue(UUID id, ObjectNode patch) {
    return http.call(HttpMethod.PATCH, "/work_queues/" + id, patch, null);
  }

  public Future<Void> deleteWorkQueue(UUID id) {
    return http.call(HttpMethod.DELETE, "/work_queues/" + id, null, null);
  }

  /** A queue's health as the server sees it: {@code healthy}, {@code late_runs_count}, {@code last_polled}. */
  public Future<JsonNode> readWorkQueueStatus(UUID id) {
    return http.call(HttpMethod.GET, "/work_queues/" + id + "/status", null, type(JsonNode.class));
  }

  /** SCHEDULED runs of a queue due before a time, at most {@code limit}. */
  public Future<List<FlowRun>> getRuns(UUID queueId, int limit, OffsetDateTime scheduledBefore) {
    ObjectNode body = Json.object().put("limit", limit).put("scheduled_before", scheduledBefore.toString());
    return http.call(HttpMethod.POST, "/work_queues/" + queueId + "/get_runs", body, list(FlowRun.class));
  }

  /**
   * Ferry servers only: claims for this caller up to {@code limit} runs in all of the queues, due
   * before a time, the queues served in the order given; the runs are already PENDING when they
   * come back. When there are none, the server holds the answer until runs come or {@code wait} is
   * over. Their heartbeats until the next one from {@code agentName} are this claim's.
   */
  public Future<List<FlowRun>> claimRuns(String agentName, List<UUID> queueIds, int limit,
      OffsetDateTime scheduledBefore, Duration wait) {
    ObjectNode body = Json.object().put("limit", limit).put("scheduled_before", scheduledBefore.toString())
        .put("ferry_wait_seconds", wait.toMillis() / 1000.0).put("ferry_agent_name", agentName);
    body.set("work_queue_ids", Json.toTree(queueIds));
    return http.call(HttpMethod.POST, "/ferry/work_queues/claim", body, list(FlowRun.class));
  }

  /** What a ferry server offers beyond Prefect's API; fails with 404 against any other server. */
  public Future<JsonNode> ferryInfo() {
    return http.call(HttpMethod.GET, "/ferry/info", null, type(JsonNode.class));
  }

  // blocks

  public Future<BlockType> readBlockType(String slug) {
    return http.call(HttpMethod.GET, "/block_types/slug/" + encode(slug), null, type(BlockType.class));
  }

  public Future<List<BlockType>> filterBlockTypes() {
    return http.call(HttpMethod.POST, "/block_types/filter", Json.object(), list(BlockType.class));
  }

  public Future<BlockSchema> readBlockSchema(String checksum) {
    return http.call(HttpMethod.GET, "/block_schemas/checksum/" + checksum, null, type(BlockSchema.class));
  }

  public Future<BlockDocument> createBlockDocument(ObjectNode body) {
    return http.call(HttpMethod.POST, "/block_documents/", body, type(BlockDocument.class));
  }

  public Future<BlockDocument> readBlockDocument(UUID id, boolean includeSecrets) {
    return http.call(HttpMethod.GET, "/block_documents/" + id + "?include_secrets=" + includeSecrets, null,
        type(BlockDocument.class));
  }

  public Future<BlockDocument> readBlockDocument(String slug, String name, boolean includeSecrets) {
    return http.call(HttpMethod.GET, "/block_types/slug/" + encode(slug) + "/block_documents/name/" + encode(name)
        + "?include_secrets=" + includeSecrets, null, type(BlockDocument.class));
  }

  /** Changes a saved block: {@code patch} holds {@code data} and {@code merge_existing_data}, as Prefect's client sends. */
  public Future<Void> patchBlockDocument(UUID id, ObjectNode patch) {
    return http.call(HttpMethod.PATCH, "/block_documents/" + id, patch, null);
  }

  public Future<Void> deleteBlockDocument(UUID id) {
    return http.call(HttpMethod.DELETE, "/block_documents/" + id, null, null);
  }

  public Future<List<BlockDocument>> filterBlockDocuments(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/block_documents/filter", filter, list(BlockDocument.class));
  }

  // logs

  public Future<Void> createLogs(List<LogRecord> logs) {
    return http.call(HttpMethod.POST, "/logs/", Json.toTree(logs.stream().map(LogRecord::asCreate).toList()), null);
  }

  public Future<List<LogRecord>> filterLogs(ObjectNode filter) {
    return http.call(HttpMethod.POST, "/logs/filter", filter, list(LogRecord.class));
  }

  @Override
  public void close() {
    http.close();
  }

  private static JavaType type(Class<?> type) {
    return Json.MAPPER.constructType(type);
  }

  private static JavaType list(Class<?> type) {
    return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A filter body with one condition, e.g. {@code filter("flow_runs", "id", "any_", ids)}. */
  public static ObjectNode filter(String section, String field, String operator, JsonNode values) {
    ObjectNode filter = Json.object();
    filter.putObject(section).putObject(field).set(operator, values);
    return filter;
  }
}

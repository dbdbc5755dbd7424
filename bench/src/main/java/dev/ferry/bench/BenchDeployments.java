package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blocks.BlockCatalog;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockSchema;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The deployments and runs the agent benchmarks make through the API. */
final class BenchDeployments {
  private BenchDeployments() {}

  /**
   * The deployment {@code main/NAME} on {@code queue} of {@code flow.py:main} in {@code code} (null for none), on a
   * saved process block named {@code name} that runs {@code command} (null: the ferry launcher) with {@code env}.
   */
  static Deployment process(OrchestrationClient client, String name, String queue, List<String> command, Path code,
      Map<String, String> env) {
    BlockSchema schema = await(client.readBlockSchema(BlockCatalog.bySlug("process").checksum()));
    ObjectNode data = Json.object().put("type", "process");
    data.set("command", Json.toTree(command));
    data.set("env", Json.toTree(env));
    ObjectNode block = Json.object().put("name", name).put("is_anonymous", false)
        .put("block_schema_id", schema.id().toString()).put("block_type_id", schema.blockTypeId().toString());
    block.set("data", data);
    UUID infrastructure = await(client.createBlockDocument(block)).id();
    UUID flow = await(client.createFlow("main")).id();
    ObjectNode body = Json.object().put("name", name).put("flow_id", flow.toString()).put("work_queue_name", queue)
        .put("path", code == null ? null : code.toString()).put("entrypoint", "flow.py:main")
        .put("infrastructure_document_id", infrastructure.toString());
    return await(client.createDeployment(body));
  }

  /** A run of {@code deployment}, SCHEDULED for now. */
  static FlowRun scheduleNow(OrchestrationClient client, Deployment deployment) {
    ObjectNode body = Json.object();
    body.set("state", Json.toTree(State.scheduledAt(OffsetDateTime.now(ZoneOffset.UTC))));
    return await(client.createFlowRun(deployment.id(), body));
  }

  /** The filter of the runs of {@code deployments} in one of {@code states}, or in any state when none are given. */
  static ObjectNode runsOf(Collection<Deployment> deployments, StateType... states) {
    ObjectNode filter = Json.object();
    if (states.length > 0) {
      filter.putObject("flow_runs").putObject("state").putObject("type").set("any_", Json.toTree(states));
    }
    filter.putObject("deployments").putObject("id").set("any_",
        Json.toTree(deployments.stream().map(Deployment::id).toList()));
    return filter;
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

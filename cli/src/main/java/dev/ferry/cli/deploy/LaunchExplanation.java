package dev.ferry.cli.deploy;

import static dev.ferry.cli.ApiSession.await;

import dev.ferry.agent.AgentOptions;
import dev.ferry.agent.LaunchPlan;
import dev.ferry.agent.RunParts;
import dev.ferry.cli.ApiSession;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What an agent on this machine would launch for a run of a deployment, decided as the agent
 * decides it (the blocks read with their secrets, the deployment's overrides applied), as YAML with
 * the secrets masked: for {@code ferry flow-run explain} and {@code ferry deployment inspect --explain}.
 */
public final class LaunchExplanation {
  /** The run id that stands for the next run's in what {@link #ofNextRun} prints. */
  private static final UUID NEXT_RUN_ID = new UUID(0, 0);

  private LaunchExplanation() {}

  /** What would be launched for {@code run} of {@code deployment}. */
  public static String of(ApiSession session, FlowRun run, Deployment deployment) {
    OrchestrationClient client = session.client();
    UUID infrastructureId = RunParts.infrastructureId(run, deployment);
    BlockDocument infrastructure = infrastructureId == null ? null
        : await(client.readBlockDocument(infrastructureId, true));
    BlockDocument storage = deployment.storageDocumentId() == null ? null
        : await(client.readBlockDocument(deployment.storageDocumentId(), true));
    RunParts parts = new RunParts(run, deployment, await(client.readFlow(deployment.flowId())), infrastructure,
        storage);
    String apiKey = session.settings().apiKey();
    LaunchPlan plan = LaunchPlan.of(parts, client.apiUrl(), apiKey,
        session.settings().home().resolve("runs").resolve(run.id().toString()), AgentOptions.PYTHON);
    return plan.explain(apiKey);
  }

  /** What would be launched for a run of {@code deployment} created now with its default parameters. */
  public static String ofNextRun(ApiSession session, Deployment deployment) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", NEXT_RUN_ID.toString());
    run.put("name", "next-run");
    run.put("flow_id", deployment.flowId().toString());
    run.put("deployment_id", deployment.id().toString());
    run.put("parameters", deployment.parameters() == null ? Json.object() : deployment.parameters());
    return of(session, Json.MAPPER.convertValue(run, FlowRun.class), deployment);
  }
}

package dev.ferry.cli.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ApiSession;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Starting runs of a deployment, and saying how they ended. */
public final class DeploymentRuns {
  private DeploymentRuns() {}

  /** Creates a run of a deployment, SCHEDULED for now so that an agent picks it up, with these parameters. */
  public static FlowRun startNow(OrchestrationClient client, UUID deploymentId, ObjectNode parameters) {
    return start(client, deploymentId, parameters, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** Creates a run of a deployment, SCHEDULED for {@code at}, with these parameters. */
  public static FlowRun start(OrchestrationClient client, UUID deploymentId, ObjectNode parameters, OffsetDateTime at) {
    ObjectNode body = Json.object();
    body.set("parameters", parameters);
    body.set("state", State.scheduledAt(at).asProposal());
    return ApiSession.await(client.createFlowRun(deploymentId, body));
  }

  /** "Flow run 'name' finished in state Completed: message". */
  public static String describeEnd(FlowRun run) {
    return "Flow run '" + run.name() + "' finished in state " + run.state().name()
        + (run.state().message() == null ? "" : ": " + run.state().message());
  }
}

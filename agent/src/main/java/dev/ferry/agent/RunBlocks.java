package dev.ferry.agent;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.FerryException;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Flow;
import dev.ferry.model.FlowRun;
import io.vertx.core.Future;

/** Reads the {@link RunParts} of a run through the API, waiting for it when it is down. */
final class RunBlocks {
  private final OrchestrationClient client;
  private final ApiLink link;

  RunBlocks(OrchestrationClient client, ApiLink link) {
    this.client = client;
    this.link = link;
  }

  Future<RunParts> read(FlowRun run) {
    if (run.deploymentId() == null) {
      return Future.failedFuture(new FerryException("the run has no deployment, and an agent only runs deployments"));
    }
    return link.persist(() -> client.readDeployment(run.deploymentId())).compose(deployment -> {
      var infraId = RunParts.infrastructureId(run, deployment);
      Future<Flow> flow = link.persist(() -> client.readFlow(deployment.flowId()));
      Future<BlockDocument> infra = infraId == null ? Future.succeededFuture()
          : link.persist(() -> client.readBlockDocument(infraId, true));
      Future<BlockDocument> storage = deployment.storageDocumentId() == null ? Future.succeededFuture()
          : link.persist(() -> client.readBlockDocument(deployment.storageDocumentId(), true));
      return Future.all(flow, infra, storage)
          .map(all -> new RunParts(run, deployment, flow.result(), infra.result(), storage.result()));
    });
  }
}

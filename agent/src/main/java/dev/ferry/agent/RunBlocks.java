package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.error.FerryException;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import dev.ferry.model.FlowRun;
import io.vertx.core.Future;

/**
 * What a run of a deployment is made of: the deployment, its flow, and its infrastructure and
 * storage blocks (with secrets), read through the API, waiting for it when it is down.
 */
final class RunBlocks {
  private final OrchestrationClient client;
  private final ApiLink link;

  RunBlocks(OrchestrationClient client, ApiLink link) {
    this.client = client;
    this.link = link;
  }

  /** The parts of one run; {@code infrastructure} and {@code storage} may be null. */
  record Parts(FlowRun run, Deployment deployment, Flow flow, BlockDocument infrastructure, BlockDocument storage) {
    String infrastructureType() {
      return infrastructure == null ? "process" : infrastructure.typeSlug();
    }

    /** The run's infrastructure, built from its block with the deployment's overrides applied. */
    Infrastructure buildInfrastructure() {
      ObjectNode data = infrastructure == null ? Json.object() : infrastructure.data();
      return InfrastructureBlocks.create(infrastructureType(), Overrides.apply(data, deployment.infraOverrides()));
    }
  }

  Future<Parts> read(FlowRun run) {
    if (run.deploymentId() == null) {
      return Future.failedFuture(new FerryException("the run has no deployment, and an agent only runs deployments"));
    }
    return link.persist(() -> client.readDeployment(run.deploymentId())).compose(deployment -> {
      var infraId = run.infrastructureDocumentId() != null ? run.infrastructureDocumentId()
          : deployment.infrastructureDocumentId();
      Future<Flow> flow = link.persist(() -> client.readFlow(deployment.flowId()));
      Future<BlockDocument> infra = infraId == null ? Future.succeededFuture()
          : link.persist(() -> client.readBlockDocument(infraId, true));
      Future<BlockDocument> storage = deployment.storageDocumentId() == null ? Future.succeededFuture()
          : link.persist(() -> client.readBlockDocument(deployment.storageDocumentId(), true));
      return Future.all(flow, infra, storage)
          .map(all -> new Parts(run, deployment, flow.result(), infra.result(), storage.result()));
    });
  }
}

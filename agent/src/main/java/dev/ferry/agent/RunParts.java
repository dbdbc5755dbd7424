package dev.ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.json.Json;
import dev.ferry.manifest.Overrides;
import dev.ferry.model.BlockDocument;
import dev.ferry.model.Deployment;
import dev.ferry.model.Flow;
import dev.ferry.model.FlowRun;
import java.util.UUID;

/**
 * What a run of a deployment is made of: the deployment, its flow, and its infrastructure and
 * storage blocks (with secrets; either may be null).
 */
public record RunParts(FlowRun run, Deployment deployment, Flow flow, BlockDocument infrastructure,
    BlockDocument storage) {

  /** The infrastructure block a run of {@code deployment} uses: the run's, else the deployment's (null: none). */
  public static UUID infrastructureId(FlowRun run, Deployment deployment) {
    return run.infrastructureDocumentId() != null ? run.infrastructureDocumentId()
        : deployment.infrastructureDocumentId();
  }

  public String infrastructureType() {
    return infrastructure == null ? "process" : infrastructure.typeSlug();
  }

  /** The run's infrastructure, built from its block with the deployment's overrides applied. */
  public Infrastructure buildInfrastructure() {
    ObjectNode data = infrastructure == null ? Json.object() : infrastructure.data();
    return InfrastructureBlocks.create(infrastructureType(), Overrides.apply(data, deployment.infraOverrides()));
  }
}

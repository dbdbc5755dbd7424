package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureProvider;

/** The Kubernetes plugin: the {@code kubernetes-job} block, through the fabric8 client. */
public final class KubernetesProvider implements InfrastructureProvider {
  @Override
  public Infrastructure fromBlock(ObjectNode data) {
    return KubernetesInfrastructure.fromBlock(data);
  }
}

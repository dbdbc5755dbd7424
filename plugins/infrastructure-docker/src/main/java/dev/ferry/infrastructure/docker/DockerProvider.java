package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureProvider;

/** The docker plugin: the {@code docker-container} block, through docker-java. */
public final class DockerProvider implements InfrastructureProvider {
  @Override
  public Infrastructure fromBlock(ObjectNode data) {
    return DockerInfrastructure.fromBlock(data);
  }
}

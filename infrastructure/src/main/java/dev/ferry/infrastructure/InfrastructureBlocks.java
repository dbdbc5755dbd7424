package dev.ferry.infrastructure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.process.ProcessInfrastructure;
import dev.ferry.plugins.PluginException;
import dev.ferry.plugins.Plugins;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry of infrastructure block types: a Prefect block type slug to the implementation that
 * serves it. Those with an SDK (Docker's, Kubernetes') come in a plugin, which loads only when a block of its type
 * is first built.
 */
public final class InfrastructureBlocks {
  private static final Map<String, Function<ObjectNode, Infrastructure>> FACTORIES = new TreeMap<>(Map.of(
      "process", ProcessInfrastructure::fromBlock,
      "docker-container", data -> plugin("ferry-infrastructure-docker",
          "dev.ferry.infrastructure.docker.DockerProvider").fromBlock(data),
      "kubernetes-job", data -> plugin("ferry-infrastructure-kubernetes",
          "dev.ferry.infrastructure.kubernetes.KubernetesProvider").fromBlock(data)));

  private InfrastructureBlocks() {}

  /** Builds the infrastructure of a type from its document data; an unknown type lists the supported ones. */
  public static Infrastructure create(String slug, ObjectNode data) {
    Function<ObjectNode, Infrastructure> factory = FACTORIES.get(slug);
    if (factory == null) {
      throw new InfrastructureException("No infrastructure can be found for block type '" + slug
          + "'. Supported types are: " + String.join(", ", FACTORIES.keySet()));
    }
    return factory.apply(data);
  }

  /**
   * The agent's ferry version (its jar's), {@code dev} when it runs from classes (the build's tests), which
   * infrastructure labels what it starts with.
   */
  public static String ferryVersion() {
    String version = InfrastructureBlocks.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private static InfrastructureProvider plugin(String plugin, String providerClass) {
    try {
      return Plugins.load(plugin, providerClass, InfrastructureProvider.class);
    } catch (PluginException e) {
      throw new InfrastructureException(e.getMessage());
    }
  }
}

package dev.ferry.infrastructure.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.InfrastructureException;
import java.util.Map;

/**
 * The container of a Job's pod that runs the flow: the one named {@code prefect-job}, as in Prefect's base
 * job, or else the first; and its environment, which the run's variables go into.
 */
final class FlowContainer {
  static final String NAME = "prefect-job";

  private FlowContainer() {}

  /** The flow container of {@code podSpec}; a pod with none, or with two named {@code prefect-job}, is an error. */
  static ObjectNode of(ObjectNode podSpec) {
    JsonNode containers = podSpec.path("containers");
    if (!containers.isArray() || containers.isEmpty() || !containers.get(0).isObject()) {
      throw new InfrastructureException("The Job of block type '" + KubernetesBlock.TYPE + "' has no container at"
          + " /spec/template/spec/containers; give the base job (field 'job') one, named " + NAME);
    }
    ObjectNode named = null;
    for (JsonNode container : containers) {
      if (NAME.equals(container.path("name").asText(null))) {
        if (named != null) {
          throw new InfrastructureException("The Job of block type '" + KubernetesBlock.TYPE + "' has two"
              + " containers named " + NAME + "; name only the container that runs the flow so");
        }
        named = (ObjectNode) container;
      }
    }
    return named != null ? named : (ObjectNode) containers.get(0);
  }

  /**
   * Sets {@code env} in {@code container}: a variable it has already gets the value, others are added, and a
   * null value takes the variable out. An entry whose value comes from elsewhere ({@code valueFrom}, such as a
   * Secret's key a customization chose) is left as it is.
   */
  static void setEnv(ObjectNode container, Map<String, String> env) {
    ArrayNode entries = container.withArrayProperty("env");
    env.forEach((name, value) -> {
      int at = indexOf(entries, name);
      if (at >= 0 && entries.get(at).has("valueFrom")) {
        return;
      }
      if (value == null) {
        if (at >= 0) {
          entries.remove(at);
        }
        return;
      }
      ObjectNode entry = entries.objectNode().put("name", name).put("value", value);
      if (at >= 0) {
        entries.set(at, entry);
      } else {
        entries.add(entry);
      }
    });
  }

  private static int indexOf(ArrayNode entries, String name) {
    for (int i = 0; i < entries.size(); i++) {
      if (name.equals(entries.get(i).path("name").asText(null))) {
        return i;
      }
    }
    return -1;
  }
}

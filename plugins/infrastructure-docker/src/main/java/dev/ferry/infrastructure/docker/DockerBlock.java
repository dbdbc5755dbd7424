package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.Bind;
import dev.ferry.infrastructure.BlockData;
import dev.ferry.infrastructure.InfrastructureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prefect's {@code docker-container} block, its fields read and checked: a value of the wrong type
 * or that Docker would refuse is an error naming the field and the fix before anything starts.
 *
 * @param env set in the container on top of the run's environment; a null value leaves a variable out
 * @param labels put on the container; {@code prefect.io/flow-name} style keys become
 *     {@code io.prefect.flow-name}, as Prefect writes them for Docker
 * @param name the container's name, before it is made one Docker accepts; null: the run's name
 * @param command the container's command; empty: the ferry launcher, run by the image's python3
 * @param memLimit null: no limit
 * @param memswapLimit memory and swap together; -1: unlimited swap; null: Docker's default, twice mem_limit
 */
record DockerBlock(Map<String, String> env, Map<String, String> labels, String name, List<String> command,
    ImageReference image, PullPolicy pullPolicy, RegistryLogin registry, List<String> networks, String networkMode,
    boolean autoRemove, List<Bind> volumes, boolean streamOutput, ByteSize memLimit, ByteSize memswapLimit,
    boolean privileged) {
  static final String TYPE = "docker-container";
  /**
   * Prefect's own image for the Prefect version whose API ferry speaks: Python with Prefect installed,
   * which the ferry launcher hands a Prefect flow to.
   */
  static final String DEFAULT_IMAGE = "prefecthq/prefect:2.7.12-python3.10";

  /** Reads its data; what each field takes, for the message about a value of the wrong type. */
  private static final BlockData DATA = new BlockData(TYPE, Map.ofEntries(
      Map.entry("env", "a JSON object of strings"), Map.entry("labels", "a JSON object of strings"),
      Map.entry("command", "a JSON list of strings"), Map.entry("networks", "a JSON list of strings"),
      Map.entry("volumes", "a JSON list of strings"), Map.entry("auto_remove", "true or false"),
      Map.entry("stream_output", "true or false"), Map.entry("privileged", "true or false"),
      Map.entry("image_registry", "a docker-registry block (username, password, registry_url, reauth)")));

  /** The block document's fields, as its data spells them. */
  record Fields(Map<String, String> env, Map<String, String> labels, String name, List<String> command, String image,
      String imagePullPolicy, RegistryFields imageRegistry, List<String> networks, String networkMode,
      Boolean autoRemove, List<String> volumes, Boolean streamOutput, JsonNode memLimit, JsonNode memswapLimit,
      Boolean privileged) {}

  /** The fields of the docker-registry block in {@code image_registry}. */
  record RegistryFields(String username, String password, String registryUrl, Boolean reauth) {
    @Override
    public String toString() {
      return "RegistryFields[" + username + " at " + registryUrl + "]";
    }
  }

  /** The block of a document's data (with the deployment's overrides applied). */
  static DockerBlock fromData(ObjectNode data) {
    Fields fields = DATA.read(data, Fields.class);
    List<String> command = DATA.command(fields.command());
    List<String> networks = fields.networks() == null ? List.of() : List.copyOf(fields.networks());
    String networkMode = blankToNull(fields.networkMode());
    if (!networks.isEmpty() && networkMode != null) {
      throw invalid("network_mode", "is set with networks", "set one of them: networks attaches the container to"
          + " named networks, network_mode picks Docker's own mode (host, bridge, none)");
    }
    ByteSize memLimit = ByteSize.parse("mem_limit", fields.memLimit());
    ByteSize memswapLimit = ByteSize.parse("memswap_limit", fields.memswapLimit());
    if (memswapLimit != null && memLimit == null) {
      throw invalid("memswap_limit", "is set without mem_limit", "set mem_limit too, or leave memswap_limit empty");
    }
    String imageName = blankToNull(fields.image());
    ImageReference image = new ImageReference(imageName == null ? DEFAULT_IMAGE : imageName.strip());
    return new DockerBlock(fields.env() == null ? Map.of() : new LinkedHashMap<>(fields.env()),
        dockerLabels(fields.labels()), blankToNull(fields.name()),
        command, image,
        PullPolicy.of(fields.imagePullPolicy(), image), registry(fields.imageRegistry()), networks, networkMode,
        Boolean.TRUE.equals(fields.autoRemove()), binds(fields.volumes()), !Boolean.FALSE.equals(fields.streamOutput()),
        memLimit, memswapLimit, Boolean.TRUE.equals(fields.privileged()));
  }

  /** {@code "Field 'F' of block type 'docker-container' FINDING; FIX"}. */
  static InfrastructureException invalid(String field, String finding, String fix) {
    return new InfrastructureException("Field '" + field + "' of block type '" + TYPE + "' " + finding + "; " + fix);
  }

  /** Prefect's label keys for Docker: {@code prefect.io/flow-name} becomes {@code io.prefect.flow-name}. */
  private static Map<String, String> dockerLabels(Map<String, String> labels) {
    Map<String, String> converted = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach((key, value) -> {
        int slash = key.indexOf('/');
        if (slash < 0) {
          converted.put(key, value);
        } else {
          List<String> namespace = new ArrayList<>(List.of(key.substring(0, slash).split("\\.")));
          Collections.reverse(namespace);
          converted.put(String.join(".", namespace) + "." + key.substring(slash + 1), value);
        }
      });
    }
    return converted;
  }

  private static List<Bind> binds(List<String> volumes) {
    if (volumes == null) {
      return List.of();
    }
    return volumes.stream().map(volume -> {
      try {
        Bind bind = Bind.parse(volume);
        if (bind.getVolume().getPath().startsWith("/")) {
          return bind;
        }
      } catch (IllegalArgumentException malformed) {
        // said below
      }
      throw invalid("volumes", "has '" + volume + "'",
          "give each as host_path:container_path[:ro], with an absolute container path");
    }).toList();
  }

  private static RegistryLogin registry(RegistryFields fields) {
    if (fields == null) {
      return null;
    }
    if (blankToNull(fields.username()) == null || blankToNull(fields.password()) == null
        || blankToNull(fields.registryUrl()) == null) {
      throw invalid("image_registry", "lacks a username, password or registry_url",
          "save the docker-registry block with all three, or leave image_registry empty");
    }
    return new RegistryLogin(fields.username(), fields.password(), fields.registryUrl(),
        !Boolean.FALSE.equals(fields.reauth()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "DockerBlock[" + image + "]"; // the registry's password stays out of every message
  }
}

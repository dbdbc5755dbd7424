package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container a run gets, as the engine's create call takes it: image, command, environment,
 * labels, working directory, and the host settings of the block (network, memory, volumes,
 * privileges). The engine never removes it: with {@code auto_remove}, the runner removes it once it
 * has read all of its output and its end ({@link DockerInfrastructure#AUTO_REMOVE}), since a quick container
 * the engine removes is gone, log and all, before its log can be read. Its entrypoint is the
 * image's, behind {@link MergedOutput}'s shell. The engine's init runs as process 1 and passes
 * signals on: the run's command does not run as process 1, which the kernel spares every signal it
 * has no handler for, so a stop's SIGTERM ends a command that does not handle it (Python's default)
 * at once, as it would on the host, not after the grace.
 *
 * @param name the container's name; null: the engine names it
 * @param env the environment; each value set (a variable the block unsets is left out)
 */
record ContainerRequest(String name, ImageReference image, List<String> cmd, Map<String, String> env,
    Map<String, String> labels, String workingDir, ContainerNetwork network, DockerBlock block) {

  /** Stands for the image's ENTRYPOINT in what {@link #describe} shows; it is read from the image at launch. */
  static final String IMAGE_ENTRYPOINT = "(the image's ENTRYPOINT, if it has one)";

  /** The request in the Engine API's own keys, as {@code docker inspect} and the API reference show them. */
  Map<String, Object> describe() {
    Map<String, Object> host = new LinkedHashMap<>();
    putIfSet(host, "NetworkMode", network.mode());
    putIfSet(host, "Memory", block.memLimit() == null ? null : block.memLimit().bytes());
    putIfSet(host, "MemorySwap", block.memswapLimit() == null ? null : block.memswapLimit().bytes());
    if (!block.volumes().isEmpty()) {
      host.put("Binds", block.volumes().stream().map(Bind::toString).toList());
    }
    host.put("Init", true);
    host.put("Privileged", block.privileged());
    host.put("AutoRemove", false);
    if (!network.extraHosts().isEmpty()) {
      host.put("ExtraHosts", network.extraHosts());
    }
    Map<String, Object> request = new LinkedHashMap<>();
    putIfSet(request, "Name", name);
    request.put("Image", image.name());
    request.put("Entrypoint", MergedOutput.entrypoint(List.of(IMAGE_ENTRYPOINT)));
    request.put("Cmd", cmd);
    request.put("Env", envList());
    request.put("Labels", labels);
    request.put("WorkingDir", workingDir);
    request.put("HostConfig", host);
    if (!block.networks().isEmpty()) {
      Map<String, Object> endpoints = new LinkedHashMap<>();
      block.networks().forEach(net -> endpoints.put(net, Map.of()));
      request.put("NetworkingConfig", Map.of("EndpointsConfig", endpoints));
    }
    return request;
  }

  /**
   * Creates the container with {@code entrypoint} (null: the image's) and returns its id; a name
   * another container has gets {@code -1}, {@code -2}... as Prefect does, each said to {@code output}.
   */
  String create(DockerEngine engine, List<String> entrypoint, Consumer<String> output) {
    for (int attempt = 0; ; attempt++) {
      String tried = name == null ? null : ContainerName.attempt(name, attempt);
      try {
        return command(engine, tried, entrypoint).exec().getId();
      } catch (ConflictException taken) {
        if (tried == null) {
          throw engine.failure("create a container of image '" + image + "'", taken);
        }
        output.accept("[ferry] Docker container name '" + tried + "' is taken; trying another");
      } catch (RuntimeException e) {
        throw engine.failure("create a container of image '" + image + "'", e);
      }
    }
  }

  private CreateContainerCmd command(DockerEngine engine, String containerName, List<String> entrypoint) {
    HostConfig host = HostConfig.newHostConfig().withInit(true).withPrivileged(block.privileged())
        .withAutoRemove(false)
        .withBinds(block.volumes()).withExtraHosts(network.extraHosts().toArray(String[]::new));
    if (network.mode() != null) {
      host.withNetworkMode(network.mode());
    }
    if (block.memLimit() != null) {
      host.withMemory(block.memLimit().bytes());
    }
    if (block.memswapLimit() != null) {
      host.withMemorySwap(block.memswapLimit().bytes());
    }
    CreateContainerCmd create = engine.client().createContainerCmd(image.name()).withCmd(cmd).withEnv(envList())
        .withLabels(labels).withWorkingDir(workingDir).withHostConfig(host);
    if (entrypoint != null) {
      create.withEntrypoint(entrypoint);
    }
    return containerName == null ? create : create.withName(containerName);
  }

  private List<String> envList() {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}

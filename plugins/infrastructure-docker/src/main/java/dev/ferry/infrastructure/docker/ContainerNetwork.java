package dev.ferry.infrastructure.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * The network a run's container joins, and how it reaches the API from there, decided as Prefect
 * 2.7 decides it. The block's {@code network_mode}, else its first network; else, on a Linux agent
 * whose API URL is local, the host's network (an API bound to 127.0.0.1, as ferry's server is by
 * default, is reachable from nowhere else); else Docker's default bridge. Off the host's network a
 * {@code localhost} or {@code 127.0.0.1} API URL the run was given (not one the block's env sets)
 * names {@code host.docker.internal} instead, which the engine maps to the host's gateway.
 *
 * @param mode the container's network mode; null: the engine's default
 * @param laterNetworks the block's networks after the first, joined before the container starts
 * @param apiUrl the API URL the container is given; null when the run has none
 * @param extraHosts {@code host.docker.internal:host-gateway} when the API URL names it off the host's network
 */
record ContainerNetwork(String mode, List<String> laterNetworks, String apiUrl, List<String> extraHosts) {
  static final String HOST = "host";
  static final String HOST_GATEWAY_NAME = "host.docker.internal";
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

  /**
   * The network of a container of {@code block} for a run given {@code runApiUrl}, on an agent that runs
   * on Linux or not.
   */
  static ContainerNetwork of(DockerBlock block, String runApiUrl, boolean linuxAgent) {
    String blockApiUrl = block.env().get("PREFECT_API_URL");
    boolean blockSetsUrl = block.env().containsKey("PREFECT_API_URL");
    List<String> networks = block.networks();
    String mode;
    if (block.networkMode() != null) {
      mode = block.networkMode();
    } else if (!networks.isEmpty()) {
      mode = networks.get(0);
    } else {
      mode = linuxAgent && isLocal(blockSetsUrl ? blockApiUrl : runApiUrl) ? HOST : null;
    }
    String apiUrl = blockSetsUrl ? blockApiUrl : runApiUrl;
    boolean onHost = HOST.equals(mode);
    if (!onHost && !blockSetsUrl && isLocal(apiUrl)) {
      apiUrl = withHost(apiUrl, HOST_GATEWAY_NAME);
    }
    List<String> extraHosts = !onHost && HOST_GATEWAY_NAME.equals(host(apiUrl))
        ? List.of(HOST_GATEWAY_NAME + ":host-gateway") : List.of();
    return new ContainerNetwork(mode, networks.size() > 1 ? networks.subList(1, networks.size()) : List.of(), apiUrl,
        extraHosts);
  }

  private static boolean isLocal(String url) {
    return LOCAL_HOSTS.contains(host(url));
  }

  private static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      return new URI(url).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String withHost(String url, String host) {
    try {
      URI uri = new URI(url);
      return new URI(uri.getScheme(), uri.getUserInfo(), host, uri.getPort(), uri.getPath(), uri.getQuery(),
          uri.getFragment()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("A URL with a host was read, so it can be written: " + url, e);
    }
  }
}

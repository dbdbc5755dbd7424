package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.model.AuthConfig;
import dev.ferry.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The credentials of Prefect's {@code docker-registry} block, which the server puts in place of the
 * container block's {@code image_registry} reference. Sent with each pull of an image from that
 * registry, and only then: another registry never sees them. Each pull authenticates anew, which is
 * what {@code reauth} (true by default) asks for; ferry keeps no login between pulls, so false
 * changes nothing. Never printed: {@link #toString} hides the password.
 */
record RegistryLogin(String username, String password, String registryUrl, boolean reauth) {
  private static final Set<String> DOCKER_HUB_HOSTS =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com");

  /** Whether {@code image} comes from this registry. */
  boolean serves(ImageReference image) {
    return host().equals(image.registry());
  }

  /** The registry's host (and port), as an image name spells it: {@code docker.io} for Docker Hub. */
  String host() {
    String host = registryUrl.strip().replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    host = (slash < 0 ? host : host.substring(0, slash)).toLowerCase(Locale.ROOT);
    return DOCKER_HUB_HOSTS.contains(host) ? ImageReference.DOCKER_HUB : host;
  }

  /** The credentials as the engine's {@code X-Registry-Auth} header takes them. */
  String header() {
    String json = Json.write(Map.of("username", username, "password", password, "serveraddress", registryUrl));
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  AuthConfig authConfig() {
    return new AuthConfig().withUsername(username).withPassword(password).withRegistryAddress(registryUrl);
  }

  @Override
  public String toString() {
    return "RegistryLogin[" + username + " at " + registryUrl + "]";
  }
}

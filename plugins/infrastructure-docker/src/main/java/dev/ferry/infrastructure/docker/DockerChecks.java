package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.InfrastructureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ferry doctor} asks of a {@code docker-container} block: the engine answers (its
 * version and API version); the image is on it, or can be pulled, as the pull policy needs; each
 * network the block names exists. Looks without pulling or creating anything.
 */
final class DockerChecks {
  /** Network modes of Docker's own, which are no network's name. */
  private static final Set<String> MODES = Set.of("host", "bridge", "none", "default");

  private final DockerBlock block;

  DockerChecks(DockerBlock block) {
    this.block = block;
  }

  List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    DockerEngine engine;
    Version version;
    try {
      engine = DockerEngine.fromEnvironment();
      version = engine.client().versionCmd().exec();
    } catch (RuntimeException e) {
      String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
      checks.add(Check.failed("docker engine " + host, "cannot be reached (" + DockerEngine.rootMessage(e) + ")",
          "start Docker, or point DOCKER_HOST at a running engine (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS)"));
      return checks;
    }
    checks.add(Check.ok("docker engine " + engine.host(), "Docker " + version.getVersion() + " (API "
        + version.getApiVersion() + ")"));
    checks.add(image(engine));
    block.networks().forEach(network -> checks.add(network(engine, network, "networks")));
    String mode = block.networkMode();
    if (mode != null && !MODES.contains(mode) && !mode.startsWith("container:")) {
      checks.add(network(engine, mode, "network_mode"));
    }
    return checks;
  }

  private Check image(DockerEngine engine) {
    ImageReference image = block.image();
    String subject = "docker image " + image;
    PullPolicy policy = block.pullPolicy();
    Images images = new Images(engine, block);
    try {
      if (policy != PullPolicy.ALWAYS && images.present()) {
        return Check.ok(subject, "on the engine");
      }
    } catch (InfrastructureException e) {
      return Check.failed(subject, "cannot be looked for: " + e.getMessage(),
          "see what the engine says, and try again");
    }
    if (policy == PullPolicy.NEVER) {
      return Check.failed(subject, "not on the engine, and image_pull_policy NEVER forbids pulling it",
          "build or pull it on the engine (docker pull " + image + "), or set image_pull_policy to IF_NOT_PRESENT");
    }
    String when = policy == PullPolicy.ALWAYS ? "pulled at every run" : "not on the engine: pulled at the first run";
    try (DockerHttpClient.Response ignored = engine.call("GET",
        "/distribution/" + image.name() + "/json",
        images.credentialed() ? Map.of("X-Registry-Auth", block.registry().header()) : Map.of())) {
      return Check.ok(subject, when + ", from " + image.registry());
    } catch (DockerException e) {
      return Check.failed(subject, when + ", and its registry " + image.registry() + " refuses it: "
          + DockerEngine.reason(e), "check the image's name and that the engine can reach its registry"
          + (images.credentialed() ? " and takes image_registry's credentials"
              : "; give image_registry for a private one"));
    } catch (RuntimeException e) {
      return Check.failed(subject, when + ", and the engine cannot be asked about it (" + DockerEngine.rootMessage(e)
          + ")", "see whether the engine is working, and try again");
    }
  }

  private static Check network(DockerEngine engine, String network, String field) {
    String subject = "docker network " + network;
    try {
      return Check.ok(subject, "exists (driver " + engine.client().inspectNetworkCmd().withNetworkId(network).exec()
          .getDriver() + ")");
    } catch (NotFoundException e) {
      return Check.failed(subject, "does not exist on the engine",
          "create it (docker network create " + network + "), or mend the block's " + field);
    } catch (RuntimeException e) {
      return Check.failed(subject, "cannot be looked for (" + DockerEngine.rootMessage(e) + ")",
          "see whether the engine is working, and try again");
    }
  }
}

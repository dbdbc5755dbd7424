package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Docker engine the agent's environment names, as the docker CLI reads it ({@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}; the local socket when unset), at the API
 * version the engine speaks. One docker-java client for it, shared by every run of the JVM, which
 * lives as long as the JVM. Also the raw HTTP calls docker-java cannot make as needed (a log read
 * since a nanosecond, a wait registered before a start), and what an engine's failure means for a user.
 */
final class DockerEngine {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static DockerEngine shared;

  private final String host;
  private final String pathPrefix;
  private final DockerClient client;
  private final DockerHttpClient http;
  private final Retention retention = new Retention(Retention.KEPT_FOR);
  private volatile String id;

  private DockerEngine(DockerClientConfig config) {
    this.host = config.getDockerHost().toString();
    this.pathPrefix = config.getApiVersion() == RemoteApiVersion.UNKNOWN_VERSION ? ""
        : "/" + config.getApiVersion().asWebPathPart();
    this.http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig()).connectionTimeout(CONNECT_TIMEOUT).build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  /** The engine of this JVM's environment. Connects to nothing yet. */
  static synchronized DockerEngine fromEnvironment() {
    if (shared == null) {
      try {
        shared = new DockerEngine(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
      } catch (RuntimeException e) {
        String host = System.getenv("DOCKER_HOST");
        throw new InfrastructureException("Cannot use the Docker engine of this environment (DOCKER_HOST "
            + (host == null ? "unset: the local socket" : host) + "): " + e.getMessage() + "; set DOCKER_HOST to"
            + " unix:///var/run/docker.sock or tcp://HOST:2376, with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH for TLS",
            e);
      }
    }
    return shared;
  }

  DockerClient client() {
    return client;
  }

  /** The engine's address, e.g. {@code unix:///var/run/docker.sock}. */
  String host() {
    return host;
  }

  Retention retention() {
    return retention;
  }

  /** The engine's own id ({@code docker info}), which names it in infrastructure pids. */
  String id() {
    if (id == null) {
      try {
        id = client.infoCmd().exec().getId();
      } catch (RuntimeException e) {
        throw failure("answer", e);
      }
    }
    return id;
  }

  /** {@code ENGINE-ID:CONTAINER-ID}, what the agent records on a run. */
  String pid(String containerId) {
    return id() + ":" + containerId;
  }

  /** The container of {@code pid}; fails when it names another engine, whose agent looks after it. */
  String containerOf(String pid) {
    int colon = pid.lastIndexOf(':');
    String engine = colon < 0 ? "" : pid.substring(0, colon);
    if (!engine.equals(id())) {
      throw new InfrastructureNotAvailable("Container " + pid + " runs on Docker engine '" + engine + "', not on "
          + host + " (engine '" + id() + "') that this agent uses; the agent using that engine looks after it");
    }
    return pid.substring(colon + 1);
  }

  /**
   * Sends a request without a body and returns once the engine has answered its status line, with its
   * body still to read; an answer that is not a success throws as docker-java's calls do.
   */
  DockerHttpClient.Response call(String method, String path, Map<String, String> headers) {
    DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder().method(method)
        .path(pathPrefix + path).putAllHeaders(headers).build());
    int status = response.getStatusCode();
    if (status / 100 == 2) {
      return response;
    }
    String body;
    try (response) {
      body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = e.getMessage();
    }
    throw switch (status) {
      case 404 -> new NotFoundException(body);
      case 409 -> new ConflictException(body);
      default -> new DockerException(body, status);
    };
  }

  /**
   * What a failed call means: the engine's reason when it answered, else that it cannot be reached,
   * with the fix. {@code action} completes "Docker engine at HOST refused to ...".
   */
  InfrastructureException failure(String action, RuntimeException e) {
    if (e instanceof InfrastructureException known) {
      return known;
    }
    if (e instanceof DockerException answered) {
      return new InfrastructureException("Docker engine at " + host + " refused to " + action + ": "
          + reason(answered), e);
    }
    return new InfrastructureException("Cannot reach the Docker engine at " + host + " (" + rootMessage(e)
        + "); start Docker, or point DOCKER_HOST at a running engine (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH"
        + " for TLS)", e);
  }

  /** The engine's own words in a refusal: the {@code message} of its JSON answer. */
  static String reason(DockerException e) {
    String body = String.valueOf(e.getMessage()).replaceFirst("^Status \\d+: ", "").strip();
    try {
      JsonNode message = Json.tree(body).path("message");
      return message.isTextual() ? message.asText() : body;
    } catch (RuntimeException notJson) {
      return body;
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}

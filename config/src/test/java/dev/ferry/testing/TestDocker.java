package dev.ferry.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine for integration tests. .ci/run starts one, points {@code DOCKER_HOST} at it
 * and builds a local base image with Java 17 and Python 3 (no registry is reachable), named by
 * {@code FERRY_TEST_DOCKER_BASE_IMAGE}; without it the Docker tests are skipped with a message,
 * or fail when {@code CI=true}.
 */
public final class TestDocker {
  public static final String BASE_IMAGE = "FERRY_TEST_DOCKER_BASE_IMAGE";

  private TestDocker() {}

  /** The local image with Java 17 and Python 3 to build ferry's image on. */
  public static String baseImage() {
    String image = System.getenv(BASE_IMAGE);
    if (image == null || image.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(BASE_IMAGE + " is not set under CI=true: .ci/run must start Docker and build the base image");
      }
      Assumptions.abort("Docker tests skipped: start a Docker engine and set " + BASE_IMAGE
          + " to a local image with Java 17 and Python 3, as .ci/run does");
    }
    return image;
  }
}

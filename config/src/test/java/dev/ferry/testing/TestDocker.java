package dev.ferry.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine for integration tests. .ci/run starts one, points {@code DOCKER_HOST} at it
 * and builds two local images (no registry is reachable): a base image with Java 17 and Python 3,
 * named by {@code FERRY_TEST_DOCKER_BASE_IMAGE}, and a busybox image for containers that need only a
 * shell, named by {@code FERRY_TEST_DOCKER_BUSYBOX_IMAGE}; without them the Docker tests are skipped
 * with a message, or fail when {@code CI=true}.
 */
public final class TestDocker {
  public static final String BASE_IMAGE = "FERRY_TEST_DOCKER_BASE_IMAGE";
  public static final String BUSYBOX_IMAGE = "FERRY_TEST_DOCKER_BUSYBOX_IMAGE";

  private TestDocker() {}

  /** The local image with Java 17 and Python 3 to build ferry's image on. */
  public static String baseImage() {
    return image(BASE_IMAGE, "a local image with Java 17 and Python 3");
  }

  /**
   * The local image with a static busybox and its applets on the PATH ({@code sh}, {@code echo},
   * {@code sleep}...), for a container whose command needs only a shell.
   */
  public static String busyboxImage() {
    return image(BUSYBOX_IMAGE, "a local image with a static busybox and its applets' links");
  }

  private static String image(String variable, String what) {
    String image = System.getenv(variable);
    if (image == null || image.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(variable + " is not set under CI=true: .ci/run must start Docker and build the test images");
      }
      Assumptions.abort("Docker tests skipped: start a Docker engine and set " + variable + " to " + what
          + ", as .ci/run does");
    }
    return image;
  }
}

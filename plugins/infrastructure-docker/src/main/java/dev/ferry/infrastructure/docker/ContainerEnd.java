package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ferry.infrastructure.Exit;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * How a run's container ended, once it has: its exit code, from the engine, and whether it was
 * killed for using more memory than it may, which makes the run CRASHED whatever its command. With
 * {@code auto_remove} the container is removed afterwards, once the runner has read all of it.
 *
 * @param memLimit the container's memory limit in bytes, 0 when it has none
 */
record ContainerEnd(DockerEngine engine, String containerId, long memLimit, boolean autoRemove) {

  /** Blocks until the container has ended; how it ended. */
  Exit await() {
    try (DockerHttpClient.Response stopped = engine.call("POST",
        "/containers/" + containerId + "/wait?condition=not-running", Map.of())) {
      int code = statusCode(stopped);
      try {
        return exit(code, Boolean.TRUE.equals(engine.client().inspectContainerCmd(containerId).exec().getState()
            .getOOMKilled()));
      } catch (NotFoundException removedMeanwhile) {
        return exit(code, false);
      }
    }
  }

  /** Removes the ended container and its anonymous volumes when the block says {@code auto_remove}. */
  void removeIfAsked() {
    if (!autoRemove) {
      return;
    }
    try {
      engine.client().removeContainerCmd(containerId).withRemoveVolumes(true).exec();
    } catch (RuntimeException goneOrBusy) {
      // removed by hand or being removed; one left over is removed by the retention sweep a day on
    }
  }

  private Exit exit(int code, boolean outOfMemory) {
    if (!outOfMemory) {
      return Exit.ofStatus(code);
    }
    return Exit.crashed(code, "was killed: out of memory (" + (memLimit > 0 ? "mem_limit " + ByteSize.format(memLimit)
        : "it had no mem_limit: the machine ran out") + ")");
  }

  private static int statusCode(DockerHttpClient.Response waited) {
    try (InputStream body = waited.getBody()) {
      JsonNode answer = Json.MAPPER.readTree(body);
      return answer.path("StatusCode").asInt(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

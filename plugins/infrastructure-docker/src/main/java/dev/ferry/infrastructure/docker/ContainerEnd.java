package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ferry.infrastructure.Exit;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a run's container ended, once it has: its exit code, from the engine, and whether it was
 * killed for using more memory than it may, which makes the run CRASHED whatever its command. A
 * container the engine removes when it ends ({@code auto_remove}) is waited for from before it
 * starts, as {@code docker run --rm} does, for its exit code is gone with it; whether it ran out of
 * memory is then read from the engine's events.
 */
final class ContainerEnd implements AutoCloseable {
  private final DockerEngine engine;
  private final String containerId;
  private final Instant created;
  private final long memLimit;
  /** The engine's answer to a wait for the container's removal; null when the container is kept. */
  private final DockerHttpClient.Response removal;

  private ContainerEnd(DockerEngine engine, String containerId, Instant created, long memLimit,
      DockerHttpClient.Response removal) {
    this.engine = engine;
    this.containerId = containerId;
    this.created = created;
    this.memLimit = memLimit;
    this.removal = removal;
  }

  /**
   * The end of a container created at {@code created} with a memory limit of {@code memLimit} bytes (0:
   * none) that the engine removes when it ends or not; returns once the engine is waiting for that.
   */
  static ContainerEnd of(DockerEngine engine, String containerId, Instant created, long memLimit, boolean removed) {
    DockerHttpClient.Response removal = removed ? engine.call("POST",
        "/containers/" + containerId + "/wait?condition=removed", Map.of()) : null;
    return new ContainerEnd(engine, containerId, created, memLimit, removal);
  }

  /** Blocks until the container has ended (and, with auto_remove, is gone); how it ended. */
  Exit await() {
    if (removal != null) {
      int code = statusCode(removal);
      // the kernel's OOM kill is SIGKILL (137): only then is the engine asked whether it was one
      return exit(code, code == 137 && ranOutOfMemoryEvent());
    }
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

  @Override
  public void close() {
    if (removal != null) {
      removal.close();
    }
  }

  private Exit exit(int code, boolean outOfMemory) {
    if (!outOfMemory) {
      return Exit.ofStatus(code);
    }
    return Exit.crashed(code, "was killed: out of memory (" + (memLimit > 0 ? "mem_limit " + ByteSize.format(memLimit)
        : "it had no mem_limit: the machine ran out") + ")");
  }

  /** Now, to the nanosecond, as the engine takes a time: events up to now, without waiting for later ones. */
  private static String untilNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
  }

  /** Whether the engine said the container ran out of memory (its {@code oom} event) while it ran. */
  private boolean ranOutOfMemoryEvent() {
    AtomicBoolean oom = new AtomicBoolean();
    try {
      engine.client().eventsCmd().withContainerFilter(containerId).withEventFilter("oom")
          .withSince(Long.toString(created.getEpochSecond()))
          .withUntil(untilNow())
          .exec(new ResultCallback.Adapter<Event>() {
            @Override
            public void onNext(Event event) {
              oom.set(true);
            }
          }).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return oom.get();
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

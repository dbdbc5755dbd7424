package dev.ferry.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.ferry.infrastructure.RunLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Keeps the containers of finished runs (without {@code auto_remove}) for a day, to look into
 * ({@code docker logs}, {@code docker inspect}, {@code docker cp}), then removes them with their
 * anonymous volumes; so too one with {@code auto_remove} whose agent stopped before removing it.
 * Ferry's containers are told by their {@value RunLabels#VERSION} label, whichever agent started
 * them: a finished container is no agent's to follow any more. A launch looks for expired ones at
 * most once an hour per engine; a container that cannot be removed now (being removed already,
 * say) is left for a later look.
 */
final class Retention {
  static final Duration KEPT_FOR = Duration.ofHours(24);
  private static final Duration LOOK_EVERY = Duration.ofHours(1);

  private final Duration keptFor;
  private Instant lastLook = Instant.MIN;

  /** Keeps finished containers for {@code keptFor}. */
  Retention(Duration keptFor) {
    this.keptFor = keptFor;
  }

  /** Removes ferry's containers that finished longer ago than they are kept, unless it looked within the hour. */
  void removeExpired(DockerClient client) {
    Instant now = Instant.now();
    synchronized (this) {
      if (lastLook.isAfter(now.minus(LOOK_EVERY))) {
        return;
      }
      lastLook = now;
    }
    List<Container> finished;
    try {
      finished = client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RunLabels.VERSION))
          .withStatusFilter(List.of("exited", "dead")).exec();
    } catch (RuntimeException unreachable) {
      return; // the next look tries again
    }
    for (Container container : finished) {
      try {
        if (finishedBefore(client.inspectContainerCmd(container.getId()).exec(), now.minus(keptFor))) {
          client.removeContainerCmd(container.getId()).withRemoveVolumes(true).exec();
        }
      } catch (RuntimeException busy) {
        // removed meanwhile, or being removed: a later look sees it again if it is still there
      }
    }
  }

  private static boolean finishedBefore(InspectContainerResponse container, Instant limit) {
    String finishedAt = container.getState() == null ? null : container.getState().getFinishedAt();
    try {
      return finishedAt != null && Instant.parse(finishedAt).isBefore(limit);
    } catch (DateTimeParseException unknown) {
      return false;
    }
  }
}

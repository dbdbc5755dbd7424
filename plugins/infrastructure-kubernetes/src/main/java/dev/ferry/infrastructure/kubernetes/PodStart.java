package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.Exit;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A run's pod on its way to start: not there yet, or Pending. An unschedulable pod is no failure (the cluster
 * may scale up): the scheduler's message is said once, and the pod has {@code pod_watch_timeout_seconds} in
 * all to start. An image that cannot be pulled ends the run.
 */
final class PodStart {
  private static final Set<String> PULL_ERRORS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  private final Duration timeout;
  private final PodLog log;
  private final long since = System.nanoTime();
  private String unschedulable;

  PodStart(Duration timeout, PodLog log) {
    this.timeout = timeout;
    this.log = log;
  }

  /** Whether the pod got past Pending, so that its log can be read. */
  static boolean started(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPhase() != null
        && !"Pending".equals(pod.getStatus().getPhase());
  }

  /** The run's end when the pod cannot start, or took too long to; null while it may still start. */
  Exit look(Pod pod) {
    if (pod != null && pod.getStatus() != null) {
      for (ContainerStatus status : statuses(pod)) {
        if (status.getState() != null && status.getState().getWaiting() != null
            && PULL_ERRORS.contains(status.getState().getWaiting().getReason())) {
          return Exit.crashed(-1, "could not start: the image " + status.getImage() + " of container "
              + status.getName() + " cannot be pulled (" + status.getState().getWaiting().getReason() + ": "
              + status.getState().getWaiting().getMessage() + ")");
        }
      }
      sayIfUnschedulable(pod);
    }
    if (Duration.ofNanos(System.nanoTime() - since).compareTo(timeout) > 0) {
      return Exit.crashed(-1, "could not start: its pod did not start within pod_watch_timeout_seconds ("
          + timeout.toSeconds() + " s)" + (unschedulable == null ? "" : "; the scheduler said: " + unschedulable));
    }
    return null;
  }

  private void sayIfUnschedulable(Pod pod) {
    List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of()
        : pod.getStatus().getConditions();
    for (PodCondition condition : conditions) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason()) && unschedulable == null) {
        unschedulable = condition.getMessage();
        log.say("[ferry] Pod " + pod.getMetadata().getName() + " cannot be scheduled yet: " + unschedulable
            + "; it has pod_watch_timeout_seconds (" + timeout.toSeconds() + " s) to start");
      }
    }
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }
}

package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.Exit;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a run's Job has ended, and how: the flow container's exit code once the Job is Complete or Failed
 * (or deleted); a pod evicted, or a Job failed or deleted with no exit code, crashed, with the reason.
 */
final class JobEnd {
  private static final Set<String> ENDED_PHASES = Set.of("Succeeded", "Failed");

  private JobEnd() {}

  /**
   * The end of {@code job} (null: deleted; one with no metadata: not known yet) with its latest {@code pod};
   * null while it runs.
   */
  static Exit of(Job job, Pod pod, String container) {
    Integer code = exitCode(pod, container);
    boolean podEnded = pod == null || pod.getStatus() != null && ENDED_PHASES.contains(pod.getStatus().getPhase());
    if (pod != null && pod.getStatus() != null && "Evicted".equals(pod.getStatus().getReason()) && code == null) {
      return Exit.crashed(-1, "was evicted from its node: " + pod.getStatus().getMessage());
    }
    if (job == null || job.getMetadata() != null && job.getMetadata().getDeletionTimestamp() != null) {
      if (code != null) {
        return Exit.ofStatus(code);
      }
      return podEnded ? Exit.crashed(-1, "ended with its Job, which was deleted before its pod ended") : null;
    }
    Optional<JobCondition> finished = condition(job, "Complete").or(() -> condition(job, "Failed"));
    if (finished.isEmpty()) {
      return null;
    }
    if (code != null) {
      return Exit.ofStatus(code);
    }
    JobCondition condition = finished.get();
    return podEnded ? Exit.crashed(-1, "ended with its Job " + condition.getType().toLowerCase()
        + " and no exit code from its pod (" + condition.getReason() + ": " + condition.getMessage() + ")") : null;
  }

  /** Whether {@code job} has ended: it is Complete or Failed. */
  static boolean finished(Job job) {
    return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
  }

  /** The exit code of {@code container} in {@code pod}, once it has ended. */
  static Integer exitCode(Pod pod, String container) {
    return statuses(pod).stream().filter(s -> container.equals(s.getName())).map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null).map(ContainerState::getTerminated)
        .map(t -> t.getExitCode()).findFirst().orElse(null);
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return List.of();
    }
    return pod.getStatus().getContainerStatuses();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
  }
}

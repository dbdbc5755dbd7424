package dev.ferry.infrastructure;

import dev.ferry.doctor.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where a flow run runs: a process, a container, a Kubernetes job. Built from a block document's
 * data (with overrides applied) by {@link InfrastructureBlocks}. {@link #launch} and {@link #kill}
 * block, so Vert.x code calls them through a worker.
 */
public interface Infrastructure {
  /** The block type slug this infrastructure serves, e.g. {@code process}. */
  String type();

  /** Whether the run's output should also be copied to the agent's own log (Prefect's {@code stream_output}). */
  boolean streamsOutput();

  /**
   * What this machine needs to run this infrastructure (a command on the PATH, an engine, a
   * cluster), looked at now, for {@code ferry doctor}: at least one finding, with a fix for each
   * that is not right. Blocks; reports what it finds rather than throwing.
   */
  List<Check> checks();

  /**
   * Whether the code of a deployment without a storage block is in the image this infrastructure
   * runs, at the deployment's path, as Prefect's {@code docker-container} and {@code kubernetes-job}
   * have it; otherwise (a process) it is in that folder on the agent's machine, and the agent copies it.
   */
  default boolean codeWithoutStorageIsInImage() {
    return false;
  }

  /**
   * Whether the agent puts the run's code and the ferry launcher into the run's folder on its machine before
   * the launch: a process runs in that folder, a container gets it copied in. An infrastructure whose runs
   * fetch their own (a Kubernetes pod's init container pulls them from the API) says no, and the agent
   * downloads nothing for them.
   */
  default boolean takesCodeFromAgent() {
    return true;
  }

  /**
   * What this infrastructure still runs for flow runs, where it runs them (the cluster and namespace, the
   * engine), told by the labels its runner puts on them: each run's id to its infrastructure pid. An agent
   * that starts stops those whose runs have ended. Blocks; empty for a kind that cannot tell (a process).
   */
  default Map<UUID, String> running() {
    return Map.of();
  }

  /**
   * {@code spec}, changed where needed so that an agent that did not start it still learns how it ended: what an
   * agent that leaves its runs running when it stops ({@code --drain-timeout 0}) launches, for the next agent to
   * take over. {@code spec} itself where the infrastructure keeps exit codes anyway (an engine's container, a
   * Job) or the run reports its own end (the launcher).
   */
  default LaunchSpec keepingExitStatus(LaunchSpec spec) {
    return spec;
  }

  /** Decides what will be launched for a run, without starting anything. */
  LaunchSpec prepare(RunContext context);

  /**
   * What {@link #launch} would start for {@code spec}, in the infrastructure's own terms, for
   * {@code ferry flow-run explain}: a process's argv, env and folder; a container's create request;
   * a Job's manifest. Keys and values as the infrastructure's API spells them; secrets are redacted
   * by the caller.
   */
  Map<String, Object> describe(LaunchSpec spec);

  /**
   * Starts what {@code spec} describes and returns once it is running. Each line the run prints
   * goes to {@code output}, on a thread of the implementation's.
   */
  Launched launch(LaunchSpec spec, Consumer<String> output);

  /**
   * Follows a run another agent launched and left running, from {@code outputOffset} of its output
   * on, until it ends (at once when it already has). {@code startedBefore} tells the run from
   * anything started later under the same id. Fails with {@link InfrastructureNotAvailable} when
   * the id belongs to another host or cluster.
   */
  Launched reattach(String infrastructurePid, Path runDir, Instant startedBefore, long outputOffset,
      Consumer<String> output);

  /**
   * Stops the infrastructure named by {@code infrastructurePid}: a polite stop, {@code grace} to
   * finish, then a forced stop. Fails with {@link InfrastructureNotAvailable} when the id belongs
   * to another host or cluster, and {@link InfrastructureNotFound} when it is already gone.
   */
  void kill(String infrastructurePid, Duration grace);
}

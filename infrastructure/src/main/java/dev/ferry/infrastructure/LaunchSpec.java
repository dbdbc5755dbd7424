package dev.ferry.infrastructure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Exactly what will be started for a run: the argv, the environment changes (a null value
 * unsets a variable) and the working directory.
 *
 * @param runDir the folder ferry made for the run: its code, the launcher, a process's output
 * @param usesDefaultCommand true when argv is the ferry launcher, which reports the run's states itself
 * @param run the run this spec was prepared for, whose names a container's labels carry
 */
public record LaunchSpec(List<String> argv, Map<String, String> env, Path workingDir, Path runDir,
    boolean usesDefaultCommand, RunContext run) {

  /** Whether the launched command reports RUNNING and the final state to the API on its own. */
  public boolean reportsOwnStates() {
    return usesDefaultCommand || argv.stream().anyMatch(a -> a.equals("prefect.engine"));
  }
}

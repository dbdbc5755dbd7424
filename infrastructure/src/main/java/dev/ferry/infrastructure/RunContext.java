package dev.ferry.infrastructure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the agent knows about a run before it is launched.
 *
 * @param flowRunId the run's id
 * @param runName the run's name, for logs and infrastructure names
 * @param flowName the name of the run's flow, for labels
 * @param deploymentName the name of the run's deployment, for labels
 * @param workingDir the folder that holds the downloaded code and, in {@code .ferry/}, the launcher
 * @param env the launch environment ferry sets (API URL, run id, entrypoint...); the block's env goes on top
 * @param defaultCommand the argv used when the block's {@code command} is empty: the ferry launcher, run by the
 *     agent's Python
 * @param launcher the ferry launcher's file in {@code workingDir}, for infrastructure that runs it with a Python
 *     of its own (a container's)
 * @param imageCodePath the deployment's path in the image, where its code is when it has no storage block and the
 *     infrastructure runs images ({@link Infrastructure#codeWithoutStorageIsInImage()}), "" for the image's own
 *     working folder; null when the code is in {@code workingDir}
 */
public record RunContext(UUID flowRunId, String runName, String flowName, String deploymentName, Path workingDir,
    Map<String, String> env, List<String> defaultCommand, Path launcher, String imageCodePath) {

  /**
   * The run's environment with a block's {@code env} on top, for infrastructure that starts from an empty one
   * (a container's, a pod's): a null value in the block's leaves the variable out. Sorted by name.
   */
  public Map<String, String> envWith(Map<String, String> blockEnv) {
    Map<String, String> merged = new TreeMap<>(env);
    blockEnv.forEach((name, value) -> {
      if (value == null) {
        merged.remove(name);
      } else {
        merged.put(name, value);
      }
    });
    return merged;
  }
}

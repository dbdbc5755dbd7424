package dev.ferry.infrastructure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the agent knows about a run before it is launched.
 *
 * @param flowRunId the run's id
 * @param runName the run's name, for logs and infrastructure names
 * @param workingDir the folder that holds the downloaded code
 * @param env the launch environment ferry sets (API URL, run id, entrypoint...); the block's env goes on top
 * @param defaultCommand the argv used when the block's {@code command} is empty: the ferry launcher
 */
public record RunContext(UUID flowRunId, String runName, Path workingDir, Map<String, String> env,
    List<String> defaultCommand) {}

package dev.ferry.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an agent works.
 *
 * @param queues the work queues it polls
 * @param limit the most runs it holds at once; null for no limit
 * @param queryInterval the pause between polls
 * @param prefetch how far ahead of their start time runs are claimed
 * @param runOnce poll once, wait for what was launched, then stop
 * @param runsRoot the folder under which each run gets a fresh working directory
 * @param python the Python interpreter that runs the ferry launcher
 * @param heartbeatInterval how often the agent tells a ferry server which runs it holds
 */
public record AgentOptions(List<String> queues, Integer limit, Duration queryInterval, Duration prefetch,
    boolean runOnce, Path runsRoot, String python, Duration heartbeatInterval) {
  public static final Duration DEFAULT_QUERY_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PREFETCH = Duration.ofSeconds(10);
  public static final String DEFAULT_PYTHON = "python3";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  /** The most runs asked for in one poll of one queue. */
  public static final int BATCH = 10;
}

package dev.ferry.agent;

import dev.ferry.storage.CodeCache;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an agent works. Start from {@link #of}, change what differs, then {@code build()}.
 *
 * @param queues the work queues it polls by name; created when missing
 * @param matchPrefixes prefixes of queue names it also polls
 * @param matchRefresh how often the queues matching the prefixes are looked up again
 * @param limit the most runs it holds at once; null for no limit
 * @param queryInterval the longest a ferry claim waits, and the pause between looks for CANCELLING runs
 * @param pollInterval the mean pause between polls of a plain Prefect API, drawn {@link PollInterval#SPREAD} either
 *     side so that many agents do not poll in step; a poll that claimed runs is followed by another at once
 * @param prefetch how far ahead of their start time runs are claimed
 * @param runOnce poll once, wait for what was launched, then stop
 * @param runsRoot the folder under which each run gets a fresh working directory
 * @param heartbeatInterval how often the agent tells a ferry server which runs it holds
 * @param name the agent's name in its log and heartbeats
 * @param killGrace how long a run's infrastructure has to stop after a polite stop, before it is forced
 * @param health the address {@code /health}, {@code /ready} and {@code /metrics} are served on; null for none
 * @param codeCacheBytes how much downloaded code is kept between runs, by content, under {@code runsRoot}
 * @param leavesRunsRunning whether the agent leaves its runs running when it stops ({@code --drain-timeout 0}),
 *     so that it launches them for the next agent to take over ({@link
 *     dev.ferry.infrastructure.Infrastructure#keepingExitStatus})
 */
public record AgentOptions(List<String> queues, List<String> matchPrefixes, Duration matchRefresh, Integer limit,
    Duration queryInterval, Duration pollInterval, Duration prefetch, boolean runOnce, Path runsRoot,
    Duration heartbeatInterval, String name, Duration killGrace, InetSocketAddress health, long codeCacheBytes,
    boolean leavesRunsRunning) {
  public static final Duration DEFAULT_QUERY_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_PREFETCH = Duration.ofSeconds(10);
  /** The Python interpreter that runs the ferry launcher, as found on the PATH. */
  public static final String PYTHON = "python3";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MATCH_REFRESH = Duration.ofSeconds(30);
  /** The most runs asked for in one poll of one queue. */
  public static final int BATCH = 10;

  public AgentOptions {
    queues = List.copyOf(queues);
    matchPrefixes = List.copyOf(matchPrefixes);
  }

  /** The agent's cache of downloaded code, kept beside the runs' folders. */
  public CodeCache codeCache() {
    return new CodeCache(runsRoot.resolve(".code-cache"), codeCacheBytes);
  }

  /** The defaults for an agent on these queues, with run folders under {@code runsRoot}, to change with the builder. */
  public static Builder of(List<String> queues, Path runsRoot) {
    return new Builder(queues, runsRoot);
  }

  /** Builds options from the defaults; each setter changes one. */
  public static final class Builder {
    private final List<String> queues;
    private final Path runsRoot;
    private List<String> matchPrefixes = List.of();
    private Duration matchRefresh = DEFAULT_MATCH_REFRESH;
    private Integer limit;
    private Duration queryInterval = DEFAULT_QUERY_INTERVAL;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration prefetch = DEFAULT_PREFETCH;
    private boolean runOnce;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private String name = "agent";
    private Duration killGrace = DEFAULT_KILL_GRACE;
    private InetSocketAddress health;
    private long codeCacheBytes = CodeCache.DEFAULT_MAX_BYTES;
    private boolean leavesRunsRunning;

    private Builder(List<String> queues, Path runsRoot) {
      this.queues = queues;
      this.runsRoot = runsRoot;
    }

    public Builder matchPrefixes(List<String> prefixes) {
      this.matchPrefixes = prefixes;
      return this;
    }

    public Builder matchRefresh(Duration every) {
      this.matchRefresh = every;
      return this;
    }

    public Builder limit(Integer most) {
      this.limit = most;
      return this;
    }

    /** Sets both the query interval and the poll interval, as {@code --query-interval} does. */
    public Builder queryInterval(Duration interval) {
      this.queryInterval = interval;
      this.pollInterval = interval;
      return this;
    }

    public Builder prefetch(Duration ahead) {
      this.prefetch = ahead;
      return this;
    }

    public Builder runOnce(boolean once) {
      this.runOnce = once;
      return this;
    }

    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    public Builder name(String agentName) {
      this.name = agentName;
      return this;
    }

    public Builder killGrace(Duration grace) {
      this.killGrace = grace;
      return this;
    }

    public Builder health(InetSocketAddress address) {
      this.health = address;
      return this;
    }

    public Builder codeCacheBytes(long most) {
      this.codeCacheBytes = most;
      return this;
    }

    public Builder leavesRunsRunning(boolean leaves) {
      this.leavesRunsRunning = leaves;
      return this;
    }

    public AgentOptions build() {
      return new AgentOptions(queues, matchPrefixes, matchRefresh, limit, queryInterval, pollInterval, prefetch,
          runOnce, runsRoot, heartbeatInterval, name, killGrace, health, codeCacheBytes, leavesRunsRunning);
    }
  }
}

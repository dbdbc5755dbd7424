package dev.ferry.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks at the agent process as a person watching it overnight would: its resident memory, threads and open
 * files in /proc, its heap after a garbage collection forced through {@code jcmd}, and on its {@code /metrics} how
 * late its event loop ran, what waits in its outbox for the API, and how many runs it ended.
 */
final class AgentProbe {
  private static final double MIB = 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final SoakProcesses processes;
  private final long pid;
  private final long startNanos;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  AgentProbe(SoakProcesses processes, long pid, long startNanos) {
    this.processes = processes;
    this.pid = pid;
    this.startNanos = startNanos;
  }

  Sample sample() throws IOException, InterruptedException {
    processes.jcmd(pid, "GC.run");
    Metrics metrics = metrics();
    Path proc = Path.of("/proc", Long.toString(pid));
    long fds;
    try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
      fds = open.count();
    }
    return new Sample((System.nanoTime() - startNanos) / 1e9, metrics.runsEnded(), status(proc, "VmRSS") / 1024.0,
        metrics.sum("jvm_memory_used_bytes{area=\"heap\"") / MIB, status(proc, "Threads"), fds,
        metrics.sum("ferry_agent_event_loop_delay_seconds_max") * 1000, metrics.outbox());
  }

  /** What the agent's {@code /metrics} says now, or empty when it does not answer in time (said on the console). */
  Optional<Metrics> look() throws InterruptedException {
    try {
      return Optional.of(metrics());
    } catch (IOException e) {
      SoakBench.say("the agent's /metrics did not answer: " + e);
      return Optional.empty();
    }
  }

  /** What the agent's {@code /metrics} says now. */
  Metrics metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(processes.agentUrl("/metrics")).timeout(TIMEOUT)
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the agent's /metrics answered " + response.statusCode() + ": "
          + response.body());
    }
    return new Metrics(response.body());
  }

  /** A number of /proc/PID/status, such as {@code VmRSS} (in kB) or {@code Threads}. */
  private static long status(Path proc, String field) throws IOException {
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + field + " in " + proc.resolve("status"));
  }

  /** The agent's metrics in Prometheus' text format. */
  record Metrics(String text) {
    long runsEnded() {
      return (long) sum("ferry_agent_runs_finished_total");
    }

    long logLinesPending() {
      return (long) sum("ferry_agent_log_lines_pending");
    }

    long finalStatesPending() {
      return (long) sum("ferry_agent_final_states_pending");
    }

    /** The runs the agent holds: claimed and not ended. */
    long runsHeld() {
      return (long) sum("ferry_agent_slots_in_use");
    }

    long outbox() {
      return logLinesPending() + finalStatesPending();
    }

    /**
     * The sum of the series that start with {@code series}: a metric's name (all its labels) or its name and its
     * first labels, e.g. <code>jvm_memory_used_bytes{area="heap"</code>.
     */
    double sum(String series) {
      return text.lines().filter(line -> line.startsWith(series) && line.length() > series.length()
          && " {,".indexOf(line.charAt(series.length())) >= 0)
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
  }
}

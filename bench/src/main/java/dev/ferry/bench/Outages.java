package dev.ferry.bench;

import static org.awaitility.Awaitility.await;

import dev.ferry.client.OrchestrationClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The server outages of {@code --outages N}: at evenly spread numbers of runs ended, stops the server (SIGTERM, then
 * waits for it to exit), keeps it down for the outage while it looks at the agent each second (still alive? how
 * much waits in its outbox?), then starts it again on its port and database and waits until it answers.
 */
final class Outages implements Callable<List<Outages.Outage>> {
  private static final Duration LOOK = Duration.ofSeconds(1);
  private static final Duration SERVER_START = Duration.ofMinutes(2);
  /** The longest an outage waits for its point in the soak: a stuck agent ends the soak rather than hangs it. */
  private static final Duration UNTIL_DUE = Duration.ofHours(2);

  /**
   * What one outage saw: the runs ended when it began, whether the agent was alive at every look, and the most
   * log lines and final states that waited in its outbox at once.
   */
  record Outage(int number, long runsEnded, boolean agentAlive, long peakLogLines, long peakFinalStates,
      long peakOutbox) {
    String describe(int of) {
      return String.format("outage %d of %d at %,d runs ended: agent alive throughout: %s; outbox peak %,d"
              + " (%,d log lines, %,d final states at their peaks)", number, of, runsEnded, agentAlive ? "yes" : "NO",
          peakOutbox, peakLogLines, peakFinalStates);
    }
  }

  private final SoakProcesses processes;
  private final Process agent;
  private final AgentProbe probe;
  private final OrchestrationClient client;
  private final SoakOptions options;

  Outages(SoakProcesses processes, Process agent, AgentProbe probe, OrchestrationClient client, SoakOptions options) {
    this.processes = processes;
    this.agent = agent;
    this.probe = probe;
    this.client = client;
    this.options = options;
  }

  @Override
  public List<Outage> call() throws Exception {
    List<Outage> outages = new ArrayList<>();
    for (int number = 1; number <= options.outages(); number++) {
      long due = (long) options.runs() * number / (options.outages() + 1);
      await("outage " + number + " due at " + due + " runs ended").atMost(UNTIL_DUE).pollInterval(LOOK)
          .until(() -> probe.look().map(AgentProbe.Metrics::runsEnded).orElse(0L) >= due);
      outages.add(outage(number));
    }
    return outages;
  }

  private Outage outage(int number) throws Exception {
    long runsEnded = probe.look().map(AgentProbe.Metrics::runsEnded).orElse(-1L);
    SoakBench.say(String.format("outage %d of %d: stopping the server at %,d runs ended, for %d s", number,
        options.outages(), runsEnded, options.outage().toSeconds()));
    processes.stopServer();
    long end = System.nanoTime() + options.outage().toNanos();
    boolean alive = true;
    long peakLines = 0;
    long peakStates = 0;
    long peak = 0;
    while (System.nanoTime() - end < 0) {
      alive &= agent.isAlive();
      Optional<AgentProbe.Metrics> metrics = agent.isAlive() ? probe.look() : Optional.empty();
      if (metrics.isPresent()) {
        peakLines = Math.max(peakLines, metrics.get().logLinesPending());
        peakStates = Math.max(peakStates, metrics.get().finalStatesPending());
        peak = Math.max(peak, metrics.get().outbox());
      }
      Thread.sleep(LOOK.toMillis());
    }
    processes.startServer();
    await("the server to answer after outage " + number).atMost(SERVER_START).pollInterval(LOOK).ignoreExceptions()
        .until(() -> client.health().toCompletionStage().toCompletableFuture().join());
    alive &= agent.isAlive();
    Outage outage = new Outage(number, runsEnded, alive, peakLines, peakStates, peak);
    SoakBench.say(outage.describe(options.outages()) + "; the server answers again");
    return outage;
  }
}

package dev.ferry.bench;

import static org.awaitility.Awaitility.await;

import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.StateType;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The overnight soak of one agent ({@code bench/soak}): a ferry server and an agent at {@code --limit 16}, each its
 * own process, through 20,000 runs of {@link RunKind}'s mix fed by {@link RunFeeder}, optionally with server
 * outages ({@link Outages}). Every 10 s {@link AgentProbe} samples the agent; at the end the samples are printed and
 * written as a table, a CSV and a chart, with their trends against the targets, and {@link EndChecks} counts the
 * lost final states and the loud runs' missing and duplicated log lines. Exits 0 when the soak ran to its end,
 * whatever its numbers, and 1 when it could not run.
 */
public final class SoakBench {
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Duration FEED_EVERY = Duration.ofMillis(100);
  private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);
  private static final Duration START = Duration.ofMinutes(2);
  /** How long the runs may take to end, and the agent's outbox to empty, once all were created. */
  private static final Duration END = Duration.ofMinutes(5);

  private final SoakOptions options;
  private final SoakProcesses processes;
  private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  /** Samples the agent did not answer in time ({@code jcmd} or {@code /metrics}). */
  private final AtomicInteger missedSamples = new AtomicInteger();
  private final Map<RunKind, Deployment> deployments = new EnumMap<>(RunKind.class);
  private OrchestrationClient client;
  private Process agent;
  private AgentProbe probe;
  private Future<?> sampling;
  private Future<List<Outages.Outage>> outages;

  private SoakBench(SoakOptions options, SoakProcesses processes) {
    this.options = options;
    this.processes = processes;
  }

  public static void main(String[] args) {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench/soak: " + e.getMessage());
      System.exit(1);
      return;
    }
    int status = 0;
    try (SoakProcesses processes = new SoakProcesses(options.root(), options.output().resolve("homes"),
        options.output())) {
      new SoakBench(options, processes).run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // Vert.x's threads would keep the JVM up
  }

  /** Prints a line of the soak's progress, with the time of day. */
  static void say(String message) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
  }

  private void run() throws Exception {
    start();
    long started = System.nanoTime();
    probe = new AgentProbe(processes, agent.pid(), started);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampling = sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_EVERY.toSeconds(), TimeUnit.SECONDS);
    ExecutorService outageThread = Executors.newSingleThreadExecutor();
    outages = outageThread.submit(new Outages(processes, agent, probe, client, options));
    RunFeeder feeder = new RunFeeder(client, deployments, options.runs());
    boolean ended = feedAndWait(feeder);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Outages.Outage> seen = outages.get(options.outage().multipliedBy(2).plus(START).toSeconds(),
        TimeUnit.SECONDS);
    outageThread.shutdown();
    sampling.cancel(false);
    sampler.shutdown();
    sampler.awaitTermination(1, TimeUnit.MINUTES);
    sample();
    boolean agentAlive = agent.isAlive();
    EndChecks.Result checks = new EndChecks(client, deployments).run();
    AgentProbe.Metrics last = await("the agent's /metrics to answer").atMost(START).until(probe::look,
        Optional::isPresent).orElseThrow();
    Files.writeString(options.output().resolve("metrics-end.txt"), last.text());
    if (!processes.stopAgent()) {
      say("the agent did not exit within a minute of SIGTERM: it is killed");
    }
    processes.stopServer();

    SoakReport report = new SoakReport(samples, options.runs());
    Path output = options.output();
    report.writeSamples(output);
    SoakChart.write(output.resolve("soak.png"), String.format("ferry agent soak: %,d runs, --limit %d, %d outages",
        options.runs(), SoakProcesses.LIMIT, options.outages()), samples,
        seen.stream().map(Outages.Outage::runsEnded).toList());
    System.out.printf("%n%,d runs created by the soak (%,d found on the server), %,d ended by the agent, %,d"
        + " cancelled by the soak, in %s: %.2f runs/s%n", feeder.created(), checks.runs(), last.runsEnded(),
        feeder.cancelled(), clock(seconds), last.runsEnded() / seconds);
    report.printTrends();
    printChecks(checks, agentAlive, ended);
    check("runs the agent still holds (ferry_agent_slots_in_use)", last.runsHeld());
    seen.forEach(outage -> System.out.println(outage.describe(options.outages())));
    AgentLog.print(output.resolve("agent.log"));
    System.out.println("files in " + output + ": samples.txt, samples.csv, soak.png, agent.log, server.log,"
        + " metrics-end.txt (the agent's /metrics at the end)");
  }

  /** Adds a sample of the agent, or counts it missed when the agent does not answer in time. */
  private void sample() {
    try {
      samples.add(probe.sample());
    } catch (IOException e) {
      missedSamples.incrementAndGet();
      say("a sample of the agent is missed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server, makes the mix's deployments and starts the agent; returns once it is ready. */
  private void start() throws Exception {
    Path output = options.output();
    deleteTree(output.resolve("homes"));
    Files.createDirectories(output);
    for (String log : List.of("server.log", "agent.log", "jcmd.log")) {
      Files.deleteIfExists(output.resolve(log));
    }
    say(String.format("soak: %,d runs, agent at --limit %d, %d server outages of %d s, into %s", options.runs(),
        SoakProcesses.LIMIT, options.outages(), options.outage().toSeconds(), output));
    Process server = processes.startServer();
    client = new OrchestrationClient(Vertx.vertx(), processes.apiUrl(), null);
    await("the server to answer").atMost(START).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> client.health().toCompletionStage().toCompletableFuture().join());
    Path code = Files.createDirectories(output.resolve("homes/code"));
    Files.writeString(code.resolve("flow.py"), RunKind.FLOW);
    for (RunKind kind : RunKind.values()) {
      deployments.put(kind, BenchDeployments.process(client, kind.deploymentName(), SoakProcesses.QUEUE,
          kind.command, kind.command == null ? code : null, kind.env));
    }
    agent = processes.startAgent();
    HttpClient http = HttpClient.newHttpClient();
    await("the agent to be ready").atMost(START).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> http.send(HttpRequest.newBuilder(processes.agentUrl("/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    say("server pid " + server.pid() + " at " + processes.apiUrl() + ", agent pid " + agent.pid());
  }

  /**
   * Feeds the runs until all are created, then waits until every run ended and the agent holds none and has an
   * empty outbox; says whether that happened in time. Fails when the agent exits or sampling or an outage fails.
   */
  private boolean feedAndWait(RunFeeder feeder) throws Exception {
    long progress = System.nanoTime();
    while (!feeder.allCreated()) {
      feeder.step();
      failIfBroken();
      if (System.nanoTime() - progress > PROGRESS_EVERY.toNanos()) {
        progress = System.nanoTime();
        probe.look().ifPresent(metrics -> say(String.format("%,d runs created, %,d ended", feeder.created(),
            metrics.runsEnded())));
      }
      Thread.sleep(FEED_EVERY.toMillis());
    }
    say(String.format("all %,d runs created; waiting for them to end", feeder.created()));
    StateType[] open = Arrays.stream(StateType.values()).filter(type -> !type.isFinal()).toArray(StateType[]::new);
    try {
      await("every run to end, and the agent to hold none and have an empty outbox").atMost(END.plus(options.outage()))
          .pollInterval(Duration.ofSeconds(1)).until(() -> {
            feeder.step(); // cancels the sleeping runs still running
            failIfBroken();
            return countRuns(open) == 0
                && probe.look().filter(metrics -> metrics.runsHeld() == 0 && metrics.outbox() == 0).isPresent();
          });
      return true;
    } catch (ConditionTimeoutException late) {
      say("not every run ended within " + END.plus(options.outage()) + ": the checks count what did not");
      return false;
    }
  }

  /** How many of the soak's runs are in one of {@code states}; -1 while the server does not answer. */
  private long countRuns(StateType... states) {
    try {
      return client.countFlowRuns(BenchDeployments.runsOf(deployments.values(), states)).toCompletionStage()
          .toCompletableFuture().join();
    } catch (CompletionException failure) {
      if (RunFeeder.unreachable(failure)) {
        return -1;
      }
      throw failure;
    }
  }

  /** Fails the soak when the agent exited, or sampling or an outage failed. */
  private void failIfBroken() throws InterruptedException {
    if (!agent.isAlive()) {
      throw new IllegalStateException("the agent exited with status " + agent.exitValue() + ": see agent.log");
    }
    for (Future<?> task : List.of(sampling, outages)) {
      if (task.isDone()) {
        try {
          task.get();
        } catch (ExecutionException failed) {
          throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
        }
      }
    }
  }

  private void printChecks(EndChecks.Result checks, boolean agentAlive, boolean ended) {
    System.out.printf("%nchecks%n");
    check("lost final states (runs not in their kind's final state)", checks.lost());
    checks.lostExamples().forEach(example -> System.out.println("  " + example));
    System.out.printf("%-60s %,10d%n", "loud runs read back", checks.loudRuns());
    check("log lines missing", checks.linesMissing());
    check("log lines duplicated", checks.linesDuplicated());
    if (checks.pagesRepeated() > 0) {
      System.out.printf("%-60s %,10d%n", "log records a later page repeated (paging, not counted)",
          checks.pagesRepeated());
    }
    System.out.printf("%-60s %10s%n", "every run ended, none held, the outbox empty, in time", ended ? "yes" : "NO");
    System.out.printf("%-60s %10s%n", "agent alive at the end", agentAlive ? "yes" : "NO");
    System.out.printf("%-60s %,10d%n", "samples missed (jcmd or /metrics did not answer in time)", missedSamples.get());
  }

  private static void check(String what, long count) {
    System.out.printf("%-60s %,10d   target 0: %s%n", what, count, count == 0 ? "met" : "MISSED");
  }

  /** Seconds as {@code H:MM:SS}. */
  private static String clock(double seconds) {
    long whole = Math.round(seconds);
    return String.format("%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
  }

  private static void deleteTree(Path tree) throws IOException {
    if (Files.exists(tree)) {
      try (var paths = Files.walk(tree)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}

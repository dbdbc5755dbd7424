package dev.ferry.bench;

import dev.ferry.agent.Agent;
import dev.ferry.agent.AgentOptions;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Dispatch against a plain Prefect API: a ferry server in this JVM seen through a {@link CountingProxy} that hides
 * its claim (as Prefect's server has none), so the agent polls {@code get_runs}. Times a run of a trivial Python
 * flow on a process block (the ferry launcher reports its states) from its creation to COMPLETED, median of
 * {@link #RUNS}, for agents at the defaults of {@code ferry agent start}: on the poll protocol, on ferry's claim in
 * the same run, and on the poll protocol at {@code --query-interval 10} (the poll interval before it was 2 s).
 * Each run is created after a random pause up to a poll interval and a fifth, so that runs come at any moment of
 * the agent's poll cycle. Then counts the requests an idle agent sends in a minute, on each protocol.
 */
public final class PollBench {
  private static final int RUNS = 9;
  private static final Duration OLD_INTERVAL = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofMinutes(1);
  /** How long a stopping agent waits for the run it may still be finishing with. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final Vertx vertx = Vertx.vertx();
  private final Random random = new Random(16);
  private final Path scratch;
  private OrchestrationClient client;

  private PollBench(Path scratch) {
    this.scratch = scratch;
  }

  public static void main(String[] args) throws Exception {
    int status = 0;
    try {
      new PollBench(Files.createTempDirectory("ferry-poll-bench")).run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // the server's threads would keep the JVM up
  }

  private void run() throws Exception {
    FerryServer server = FerryServer.embedded(vertx, scratch.resolve("ferry.db"));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
    CountingProxy plain = CountingProxy.start(vertx, server.apiUrl(), true);
    CountingProxy ferry = CountingProxy.start(vertx, server.apiUrl(), false);
    Path code = Files.createDirectories(scratch.resolve("code"));
    Files.writeString(code.resolve("flow.py"), "def main():\n    pass\n");
    System.out.printf("%-56s %12s %12s %12s%n", "poll measure", "prefect 2.7", "target", "value");

    Agent polling = agent(plain, AgentOptions.of(List.of("poll"), scratch.resolve("runs-poll")));
    Agent claiming = agent(ferry, AgentOptions.of(List.of("claim"), scratch.resolve("runs-claim")));
    Agent old = agent(plain, AgentOptions.of(List.of("old"), scratch.resolve("runs-old")).queryInterval(OLD_INTERVAL));
    double poll = medianToCompleted("poll", code, AgentOptions.DEFAULT_POLL_INTERVAL);
    double claim = medianToCompleted("claim", code, AgentOptions.DEFAULT_POLL_INTERVAL);
    double before = medianToCompleted("old", code, OLD_INTERVAL);
    await(old.drain(DRAIN));
    row("create -> COMPLETED median s, poll protocol, defaults", "8.6", "<= 2", poll);
    row("create -> COMPLETED median s, ferry claim, defaults", "-", "-", claim);
    row("  ratio poll to claim", "-", "-", poll / claim);
    row("create -> COMPLETED median s, poll, --query-interval 10", "8.6", "-", before);
    row("  ratio defaults to --query-interval 10", "-", "-", poll / before);

    plain.reset();
    ferry.reset();
    Thread.sleep(IDLE.toMillis());
    idleRow("requests per idle minute, poll protocol, defaults", plain.counts());
    idleRow("requests per idle minute, ferry claim, defaults", ferry.counts());
    await(polling.drain(DRAIN));
    await(claiming.drain(DRAIN));
    client.close();
    server.close();
  }

  private Agent agent(CountingProxy proxy, AgentOptions.Builder options) {
    return await(Agent.start(vertx, new OrchestrationClient(vertx, proxy.apiUrl(), null), null, options.build()));
  }

  /**
   * The median seconds from creation to COMPLETED, by the server's clock, of runs of a deployment of the flow in
   * {@code code} on {@code queue}, each created after a random pause up to {@code pollInterval} and a fifth.
   */
  private double medianToCompleted(String queue, Path code, Duration pollInterval) throws InterruptedException {
    Deployment deployment = BenchDeployments.process(client, queue, queue, null, code, Map.of());
    double[] seconds = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      Thread.sleep(random.nextLong(pollInterval.toMillis() * 6 / 5));
      FlowRun run = BenchDeployments.scheduleNow(client, deployment);
      OffsetDateTime completed = completedAt(run.id());
      seconds[i] = Duration.between(run.created(), completed).toMillis() / 1e3;
    }
    Arrays.sort(seconds);
    return seconds[RUNS / 2];
  }

  private OffsetDateTime completedAt(UUID run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!await(client.readFlowRun(run)).stateType().isFinal()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("run " + run + " did not end within 60 s");
      }
      Thread.sleep(20);
    }
    return await(client.readFlowRunStates(run)).stream().filter(state -> state.type() == StateType.COMPLETED)
        .findFirst().orElseThrow(() -> new IllegalStateException("run " + run + " did not complete"))
        .timestamp();
  }

  /** The total, per minute, with the routes in the label. */
  private static void idleRow(String measure, Map<String, Long> counts) {
    double perMinute = counts.values().stream().mapToLong(Long::longValue).sum() * 60_000.0 / IDLE.toMillis();
    row(measure, "-", "-", perMinute);
    System.out.println("  " + counts.entrySet().stream().map(route -> route.getValue() + " " + route.getKey())
        .collect(Collectors.joining(", ")));
  }

  private static void row(String measure, String prefect, String target, double value) {
    System.out.printf("%-56s %12s %12s %12.2f%n", measure, prefect, target, value);
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

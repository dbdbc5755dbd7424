package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.json.Json;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.StateType;
import dev.ferry.server.FerryServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Agent benchmarks against a ferry server in this JVM, with the agent as its own process, started
 * the way {@code ./ferry} starts it ({@code java @deploy/jvm/agent.options -jar ferry.jar}, with
 * the agent's class-data archive): start to first poll, resident memory when idle, dispatch from
 * a run's creation to its process starting, {@code deployment run --watch} to Completed, and
 * throughput of many trivial runs at {@code --limit 16}. Prefect 2.7's numbers on this machine,
 * as the issue gives them, are printed beside the targets; start-up and memory also as ratios to
 * the same agent started without its class-data archive in the same run, and to
 * {@link VertxFloor}: the least a JVM with Vert.x, these options and an archive takes to poll once,
 * with and without the wire model's JSON mapper.
 */
public final class AgentBench {
  private static final int DISPATCHES = 20;
  private static final int WATCHES = 5;
  private static final int THROUGHPUT_RUNS = 1_000;
  private static final Duration IDLE = Duration.ofSeconds(30);
  private static final String AGENT_ARCHIVE = "cli/target/agent.jsa";
  private static final String CLI_ARCHIVE = "cli/target/ferry.jsa";

  private final Path root;
  private final Path scratch;
  private final Vertx vertx = Vertx.vertx();
  private final List<Process> started = new ArrayList<>(); // agents and the floor, stopped if a step fails
  private FerryServer server;
  private OrchestrationClient client;

  private AgentBench(Path root, Path scratch) {
    this.root = root;
    this.scratch = scratch;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    AgentBench bench = new AgentBench(root, Files.createTempDirectory("ferry-agent-bench"));
    int status = 0;
    try {
      bench.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.started.forEach(Process::destroyForcibly); // a failed step would leave its agents running
    }
    System.exit(status); // the server's threads would keep the JVM up
  }

  private void run() throws Exception {
    server = FerryServer.embedded(vertx, scratch.resolve("ferry.db"));
    client = new OrchestrationClient(vertx, server.apiUrl(), null);
    System.out.printf("%-52s %12s %12s %12s%n", "agent measure", "prefect 2.7", "target", "value");

    Path code = Files.createDirectories(scratch.resolve("code"));
    Files.writeString(code.resolve("flow.py"), """
        import os, time

        def main():
            with open(os.environ["BENCH_STARTS"], "a") as starts:
                starts.write("%s %d\\n" % (os.environ["PREFECT__FLOW_RUN_ID"], time.time_ns()))
        """);
    Path starts = scratch.resolve("starts.txt");
    Deployment python = deployment("python", "bench", null, code, starts);
    Deployment shell = deployment("shell", "bench",
        List.of("sh", "-c", "echo \"$PREFECT__FLOW_RUN_ID $(date +%s%N)\" >> \"$BENCH_STARTS\""), null, starts);
    Deployment trivial = deployment("trivial", "bulk", List.of("true"), null, starts);

    Instant launched = Instant.now();
    Process agent = agent(AGENT_ARCHIVE, "bench", "--limit", "16");
    double firstPoll = secondsToFirstPoll("bench", launched);
    // the baseline: the same agent without its class-data archive, started once the first one polls
    await(client.createWorkQueue("plain"));
    Instant plainLaunched = Instant.now();
    Process plain = agent(null, "plain");
    double plainStart = secondsToFirstPoll("plain", plainLaunched);
    // the floors: a JVM with the agent's options and an archive of its own that polls once with
    // Vert.x, and one that also writes and reads that poll with the wire model's JSON mapper
    Started floor = floor("floor", false);
    Started mapped = floor("floor-json", true);
    row("start to first poll s", "2.5", "< 0.5", firstPoll);
    row("  ratio to the same agent without its class-data archive", "-", "-", firstPoll / plainStart);
    row("  floor: a JVM with Vert.x polling once", "-", "-", floor.seconds());
    row("  floor and the wire model's Jackson mapper", "-", "-", mapped.seconds());
    row("  ratio to the floor and the mapper", "-", "-", firstPoll / mapped.seconds());

    Thread.sleep(IDLE.toMillis());
    double resident = residentMiB(agent.pid());
    double mappedResident = residentMiB(mapped.process().pid());
    row("resident memory idle after 30 s MiB", "118", "< 64", resident);
    row("  ratio to the same agent without its class-data archive", "-", "-", resident / residentMiB(plain.pid()));
    row("  floor: a JVM with Vert.x polling once", "-", "-", residentMiB(floor.process().pid()));
    row("  floor and the wire model's Jackson mapper", "-", "-", mappedResident);
    row("  ratio to the floor and the mapper", "-", "-", resident / mappedResident);
    for (Process idle : List.of(plain, floor.process(), mapped.process())) {
      idle.destroy();
      idle.waitFor(60, TimeUnit.SECONDS);
    }

    row("dispatch run created -> process started p50 ms", "-", "< 100", dispatch(shell, starts));
    row("dispatch run created -> Python flow function called p50 ms", "-", "-", dispatch(python, starts));

    double[] watch = new double[WATCHES];
    for (int i = 0; i < WATCHES; i++) {
      long start = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(java(CLI_ARCHIVE, List.of("-XX:TieredStopAtLevel=1", "deployment", "run",
          "main/python", "--watch"))).redirectErrorStream(true).redirectOutput(scratch.resolve("watch.out").toFile());
      builder.environment().put("PREFECT_API_URL", server.apiUrl().toString());
      Process cli = builder.start();
      if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
        throw new IllegalStateException("deployment run --watch failed: " + Files.readString(scratch.resolve("watch.out")));
      }
      watch[i] = (System.nanoTime() - start) / 1e9;
    }
    row("deployment run --watch to Completed median s", "7.8", "< 1.5", median(watch));
    agent.destroy();
    agent.waitFor(60, TimeUnit.SECONDS);

    for (int i = 0; i < THROUGHPUT_RUNS; i++) {
      schedule(trivial);
    }
    Process bulkAgent = agent(AGENT_ARCHIVE, "bulk", "--limit", "16");
    long start = System.nanoTime();
    ObjectNode completed = OrchestrationClient.filter("flow_runs", "state", "type",
        Json.object().set("any_", Json.toTree(List.of(StateType.COMPLETED))));
    completed.putObject("deployments").putObject("id").set("any_", Json.toTree(List.of(trivial.id())));
    until(THROUGHPUT_RUNS + " runs completed", Duration.ofMinutes(10),
        () -> await(client.countFlowRuns(completed)) >= THROUGHPUT_RUNS);
    double seconds = (System.nanoTime() - start) / 1e9;
    row("throughput " + THROUGHPUT_RUNS + " trivial runs, --limit 16, runs/s", "-", ">= 50", THROUGHPUT_RUNS / seconds);
    bulkAgent.destroy();
    bulkAgent.waitFor(60, TimeUnit.SECONDS);
    client.close();
    server.close();
  }

  /** The median time from a run's creation to the moment its process wrote its start line. */
  private double dispatch(Deployment deployment, Path starts) throws Exception {
    double[] latencies = new double[DISPATCHES];
    for (int i = 0; i < DISPATCHES; i++) {
      FlowRun run = schedule(deployment);
      latencies[i] = Duration.between(run.created().toInstant(), startOf(starts, run.id())).toNanos() / 1e6;
      awaitFinal(run.id());
    }
    return median(latencies);
  }

  /** An agent on {@code queue} started as {@code ./ferry} starts it, with {@code archive} (or none when null). */
  private Process agent(String archive, String queue, String... extra) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("@" + root.resolve("deploy/jvm/agent.options"), "agent", "start",
        "-q", queue));
    arguments.addAll(Arrays.asList(extra));
    ProcessBuilder builder = new ProcessBuilder(java(archive, arguments)).redirectErrorStream(true)
        .redirectOutput(scratch.resolve("agent-" + queue + ".log").toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().put("PREFECT_API_URL", server.apiUrl().toString());
    builder.environment().put("FERRY_HOME", scratch.resolve("home-" + queue).toString());
    Process agent = builder.start();
    started.add(agent);
    return agent;
  }

  /** A process and the seconds it took to its first poll. */
  private record Started(Process process, double seconds) {}

  /**
   * {@link VertxFloor} on a new queue {@code name}, with a class-data archive of its own, made as
   * {@code deploy/jvm/archive} makes the agent's: a training run lists the classes it loads,
   * {@code -Xshare:dump} archives them.
   */
  private Started floor(String name, boolean json) throws Exception {
    Path classes = scratch.resolve(name + ".classes");
    Path archive = scratch.resolve(name + ".jsa");
    Process trainer = floorProcess(await(client.createWorkQueue(name + "-training")).id(), "exit", json,
        "-XX:DumpLoadedClassList=" + classes);
    if (!trainer.waitFor(60, TimeUnit.SECONDS) || trainer.exitValue() != 0) {
      throw new IllegalStateException("the training run of " + name + " failed; see " + scratch);
    }
    Process dump = new ProcessBuilder(floorCommand("-Xshare:dump", "-XX:SharedClassListFile=" + classes,
        "-XX:SharedArchiveFile=" + archive)).redirectErrorStream(true)
        .redirectOutput(scratch.resolve(name + "-dump.log").toFile()).start();
    if (!dump.waitFor(120, TimeUnit.SECONDS) || dump.exitValue() != 0) {
      throw new IllegalStateException("the archive of " + name + ": "
          + Files.readString(scratch.resolve(name + "-dump.log")));
    }
    UUID queue = await(client.createWorkQueue(name)).id();
    Instant launched = Instant.now();
    Process floor = floorProcess(queue, "idle", json, "-XX:SharedArchiveFile=" + archive);
    return new Started(floor, secondsToFirstPoll(name, launched));
  }

  /** {@link VertxFloor} polling {@code queue}, with the agent's JVM options and environment and {@code options}. */
  private Process floorProcess(UUID queue, String then, boolean json, String... options) throws IOException {
    List<String> command = floorCommand(options);
    command.addAll(List.of(VertxFloor.class.getName(), server.apiUrl().toString(), queue.toString(), then,
        json ? "json" : "plain"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(scratch.resolve("floor-" + queue + ".log").toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    Process floor = builder.start();
    started.add(floor);
    return floor;
  }

  private List<String> floorCommand(String... options) {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Arrays.asList(options));
    command.addAll(List.of("@" + root.resolve("deploy/jvm/agent.options"), "-cp",
        root.resolve("bench/target/ferry-bench.jar") + ":" + root.resolve("cli/target/ferry.jar")));
    return command;
  }

  /** Seconds from {@code launched} to the first poll of {@code queue} the server recorded. */
  private double secondsToFirstPoll(String queue, Instant launched) throws InterruptedException {
    until("the first poll of " + queue, Duration.ofSeconds(60),
        () -> await(client.readWorkQueueByName(queue)).lastPolled() != null);
    OffsetDateTime firstPoll = await(client.readWorkQueueByName(queue)).lastPolled();
    return Duration.between(launched, firstPoll.toInstant()).toMillis() / 1e3;
  }

  /**
   * A java command line for ferry's jar with a class-data archive {@code ./ferry} makes (none when
   * null): JVM options first, then ferry's arguments.
   */
  private List<String> java(String archive, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("java"));
    if (archive != null) {
      command.add("-XX:SharedArchiveFile=" + root.resolve(archive));
    }
    arguments.stream().filter(argument -> argument.startsWith("-X") || argument.startsWith("@")).forEach(command::add);
    command.addAll(List.of("-jar", root.resolve("cli/target/ferry.jar").toString()));
    arguments.stream().filter(argument -> !argument.startsWith("-X") && !argument.startsWith("@"))
        .forEach(command::add);
    return command;
  }

  private Deployment deployment(String name, String queue, List<String> command, Path code, Path starts) {
    return BenchDeployments.process(client, name, queue, command, code, Map.of("BENCH_STARTS", starts.toString()));
  }

  private FlowRun schedule(Deployment deployment) {
    return BenchDeployments.scheduleNow(client, deployment);
  }

  private void awaitFinal(UUID run) throws InterruptedException {
    until("run " + run + " ended", Duration.ofSeconds(60), () -> await(client.readFlowRun(run)).stateType().isFinal());
    StateType type = await(client.readFlowRun(run)).stateType();
    if (type != StateType.COMPLETED) {
      throw new IllegalStateException("run " + run + " ended " + type);
    }
  }

  /** Looks at {@code condition} every few milliseconds until it holds; fails after {@code timeout}. */
  private static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(what + " did not happen within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** When the flow process of a run wrote its start line. */
  private static Instant startOf(Path starts, UUID run) throws Exception {
    until("run " + run + " started", Duration.ofSeconds(30), () -> startLine(starts, run) != null);
    String line = startLine(starts, run);
    return Instant.ofEpochSecond(0, Long.parseLong(line.substring(line.indexOf(' ') + 1)));
  }

  private static String startLine(Path starts, UUID run) {
    try {
      return Files.exists(starts)
          ? Files.readAllLines(starts).stream().filter(line -> line.startsWith(run.toString())).findFirst().orElse(null)
          : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double residentMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void row(String measure, String prefect, String target, double value) {
    System.out.printf("%-52s %12s %12s %12.2f%n", measure, prefect, target, value);
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

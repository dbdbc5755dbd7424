package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureBlocks;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The overhead of a trivial container ({@code true}) from its creation to its exit, through ferry's
 * {@code docker-container} runner (block, prepare, launch, exit; network_mode host, auto_remove;
 * the code in the image and the block's command, as for a deployment without storage, so nothing is
 * copied in), against {@code docker run --rm --network host IMAGE true} of the docker CLI, measured
 * in the same run on the same engine, taking turns so that the machine's load falls on all alike;
 * and the runner again with a run folder copied in, as for code from a storage block. The image is
 * the busybox one ({@code FERRY_TEST_DOCKER_BUSYBOX_IMAGE}), else the base image
 * ({@code FERRY_TEST_DOCKER_BASE_IMAGE}). Then where ferry's time goes: each engine call of one
 * launch replayed in order with docker-java, as the runner makes it, and the least the same calls
 * the CLI makes take from this JVM, without and with what ferry adds to the container (the engine's
 * init, the shell that puts stderr into stdout).
 */
public final class DockerBench {
  private static final int WARM_UP = 3;
  private static final int RUNS = 20;
  private static final double TARGET = 1.2;

  private final String image;
  private final Path scratch;
  private final DockerClient client;
  private final DockerHttpClient http;
  private final List<String> ownLines = new CopyOnWriteArrayList<>();

  private DockerBench(String image, Path scratch) {
    this.image = image;
    this.scratch = scratch;
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    this.http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig()).build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  public static void main(String[] args) throws Exception {
    String image = firstSet("FERRY_TEST_DOCKER_BUSYBOX_IMAGE", "FERRY_TEST_DOCKER_BASE_IMAGE");
    String engine = engineVersion();
    if (engine == null) {
      System.out.println("DockerBench skipped: no Docker engine answers 'docker version' (DOCKER_HOST "
          + System.getenv().getOrDefault("DOCKER_HOST", "unset") + ")");
      System.exit(0);
    }
    if (image == null) {
      System.out.println("DockerBench skipped: set FERRY_TEST_DOCKER_BUSYBOX_IMAGE (or FERRY_TEST_DOCKER_BASE_IMAGE)"
          + " to a local image with 'true' on its PATH, as .ci/run does");
      System.exit(0);
    }
    int status = 0;
    try {
      new DockerBench(image, Files.createTempDirectory("ferry-docker-bench")).run(engine);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // docker-java's threads would keep the JVM up
  }

  private void run(String engine) throws Exception {
    System.out.printf("docker engine %s, image %s, command 'true', network host, auto_remove; %d runs after %d%n",
        engine, image, RUNS, WARM_UP);
    for (int i = 0; i < WARM_UP; i++) {
      dockerCli();
      ferry(i, true);
      ferry(i, false);
    }
    double[] cli = new double[RUNS];
    double[] runner = new double[RUNS];
    double[] copying = new double[RUNS];
    for (int i = 0; i < RUNS; i++) { // taking turns, each first every other time
      if (i % 2 == 0) {
        cli[i] = dockerCli();
        runner[i] = ferry(WARM_UP + i, true);
        copying[i] = ferry(WARM_UP + i, false);
      } else {
        copying[i] = ferry(WARM_UP + i, false);
        runner[i] = ferry(WARM_UP + i, true);
        cli[i] = dockerCli();
      }
    }
    System.out.printf("%-58s %10s %10s %8s %8s%n", "create -> exit", "docker CLI", "ferry", "ratio", "target");
    compare("median ms", median(cli), median(runner));
    compare("p90 ms", percentile(cli, 90), percentile(runner, 90));
    System.out.printf("%-58s %10s %10s %8s%n", "  the same with a run folder copied in (code from storage)",
        "docker CLI", "ferry", "ratio");
    System.out.printf("  %-56s %10.1f %10.1f %7.2fx%n", "median ms", median(cli), median(copying),
        median(copying) / median(cli));
    System.out.printf("  %-56s %10s %10d%n", "ferry's runs that said a line of its own, of " + (WARM_UP + RUNS), "-",
        ownLines.size());
    ownLines.stream().limit(1).forEach(line -> System.out.println("    e.g. " + line));

    // where ferry's time goes: its engine calls, one launch at a time, each timed
    Map<String, double[]> steps = new LinkedHashMap<>();
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      Map<String, Double> launch = replay(i);
      if (i >= WARM_UP) {
        int at = i - WARM_UP;
        launch.forEach((step, ms) -> steps.computeIfAbsent(step, s -> new double[RUNS])[at] = ms);
      }
    }
    double[] sum = new double[RUNS];
    steps.forEach((step, ms) -> {
      if (!step.startsWith(" ")) {
        Arrays.setAll(sum, i -> sum[i] + ms[i]);
      }
    });
    System.out.printf("%n%-58s %10s %10s%n", "ferry's engine calls for one run, replayed", "median ms", "p90 ms");
    steps.forEach((step, ms) -> System.out.printf("  %-56s %10.1f %10.1f%n", step, median(ms), percentile(ms, 90)));
    System.out.printf("  %-56s %10.1f %10.1f%n", "all of the runner's", median(sum), percentile(sum, 90));

    // the floor: the calls docker run --rm makes (create, wait for the removal, start, its answer)
    System.out.printf("%n%-58s %10s %10s %8s%n", "the CLI's calls from this JVM, create -> exit", "docker CLI",
        "median ms", "ratio");
    floor("as docker run --rm", false, false, median(cli));
    floor("  with the engine's init (ferry's Init true)", true, false, median(cli));
    floor("  with init and the shell that merges stderr", true, true, median(cli));
  }

  /** The block of ferry's runs here: the image, 'true', the host's network, removed at its end. */
  private ObjectNode block() {
    ObjectNode data = Json.object().put("type", "docker-container").put("image", image).put("network_mode", "host")
        .put("auto_remove", true);
    data.set("command", Json.toTree(List.of("true")));
    data.set("labels", Json.toTree(Map.of("dev.ferry.bench", "docker")));
    return data;
  }

  /** {@code docker run --rm}: milliseconds from its start to its end. */
  private double dockerCli() throws Exception {
    long start = System.nanoTime();
    Process docker = new ProcessBuilder("docker", "run", "--rm", "--network", "host", image, "true")
        .redirectErrorStream(true).redirectOutput(scratch.resolve("docker-run.log").toFile()).start();
    if (!docker.waitFor(120, TimeUnit.SECONDS) || docker.exitValue() != 0) {
      docker.destroyForcibly();
      throw new IllegalStateException("docker run failed: " + Files.readString(scratch.resolve("docker-run.log")));
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * Ferry's runner as the agent uses it: the block's infrastructure, prepare, launch; ms to the exit
   * known. The code is in the image, or in a run folder (a 4 KB flow file) copied into the container.
   */
  private double ferry(int i, boolean codeInImage) throws Exception {
    Path dir = Files.createDirectories(scratch.resolve("run-" + i + (codeInImage ? "" : "-copied")));
    Files.writeString(dir.resolve("flow.py"), "# a flow\n".repeat(400));
    RunContext context = new RunContext(UUID.randomUUID(), "ferry-bench-" + dir.getFileName(), "bench", "docker",
        dir, Map.of(), List.of("true"), null, codeInImage ? "" : null);
    long start = System.nanoTime();
    Infrastructure infrastructure = InfrastructureBlocks.create("docker-container", block());
    LaunchSpec spec = infrastructure.prepare(context);
    Launched launched = infrastructure.launch(spec, line -> {
      if (line.startsWith("[ferry]")) {
        ownLines.add(line);
      }
    });
    Exit exit = launched.exit().toCompletableFuture().get(120, TimeUnit.SECONDS);
    double ms = (System.nanoTime() - start) / 1e6;
    if (!exit.succeeded()) {
      throw new IllegalStateException("ferry's run " + i + " ended: " + exit);
    }
    return ms;
  }

  /**
   * One launch as the runner makes it, call by call (its engine id is known from the first launch,
   * and it looks for expired containers once an hour: neither is here); milliseconds of each.
   */
  private Map<String, Double> replay(int i) throws Exception {
    Map<String, Double> steps = new LinkedHashMap<>();
    long at = System.nanoTime();
    client.inspectImageCmd(image).exec();
    at = step(steps, "inspect image (pull policy: is it there; its ENTRYPOINT)", at);
    String id = create(true, true, false, Map.of("io.prefect.flow-run-name", "ferry-replay-" + i)).exec().getId();
    at = step(steps, "create (init, the shell that merges stderr, labels)", at);
    call("HEAD", "/containers/" + id + "/archive?path=/bin/sh").close();
    at = step(steps, "HEAD archive /bin/sh (can stderr be merged)", at);
    client.startContainerCmd(id).exec();
    at = step(steps, "start", at);
    try (DockerHttpClient.Response logs = call("GET", "/containers/" + id
        + "/logs?stdout=1&stderr=1&timestamps=1&follow=1")) {
      logs.getBody().readAllBytes();
    }
    at = step(steps, "logs, followed to their end", at);
    try (DockerHttpClient.Response stopped = call("POST", "/containers/" + id + "/wait?condition=not-running")) {
      String answer = new String(stopped.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (!answer.contains("\"StatusCode\":0")) {
        throw new IllegalStateException("container " + id + " ended: " + answer);
      }
    }
    at = step(steps, "wait?condition=not-running: its exit code", at);
    client.inspectContainerCmd(id).exec();
    at = step(steps, "inspect container (killed for memory?): the exit known", at);
    client.removeContainerCmd(id).withRemoveVolumes(true).exec();
    step(steps, "  (after the exit is known: remove, for auto_remove)", at);
    return steps;
  }

  /** The calls of docker run --rm from this JVM, with or without ferry's init and shell; prints the median. */
  private void floor(String measure, boolean init, boolean shell, double cliMedian) throws Exception {
    double[] ms = new double[RUNS];
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      long start = System.nanoTime();
      String id = create(init, shell, true, Map.of()).exec().getId();
      try (DockerHttpClient.Response removal = call("POST", "/containers/" + id + "/wait?condition=removed")) {
        client.startContainerCmd(id).exec();
        removal.getBody().readAllBytes();
      }
      if (i >= WARM_UP) {
        ms[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
      }
    }
    System.out.printf("%-58s %10.1f %10.1f %7.2fx%n", measure, cliMedian, median(ms), median(ms) / cliMedian);
  }

  /** A create call for 'true' on the host's network, as ferry makes it or plainer, removed by the engine or not. */
  private CreateContainerCmd create(boolean init, boolean shell, boolean autoRemove, Map<String, String> labels) {
    HostConfig host = HostConfig.newHostConfig().withNetworkMode("host").withAutoRemove(autoRemove);
    if (init) {
      host.withInit(true);
    }
    CreateContainerCmd create = client.createContainerCmd(image).withCmd("true").withHostConfig(host)
        .withLabels(labels);
    return shell ? create.withEntrypoint("/bin/sh", "-c", "exec \"$@\" 2>&1", "sh") : create;
  }

  /** A raw call with no body, its answer's body still to read; an answer that is no success throws. */
  private DockerHttpClient.Response call(String method, String path) throws IOException {
    DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
        .method(method).path(path).build());
    if (response.getStatusCode() / 100 != 2) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      response.close();
      throw new IllegalStateException(method + " " + path + ": " + response.getStatusCode() + " " + body);
    }
    return response;
  }

  private static long step(Map<String, Double> steps, String name, long since) {
    long now = System.nanoTime();
    steps.put(name, (now - since) / 1e6);
    return now;
  }

  /** The engine's version by the docker CLI, or null when no engine answers. */
  private static String engineVersion() throws InterruptedException {
    try {
      Path output = Files.createTempFile("ferry-docker-version", ".txt");
      Process docker = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean answered = docker.waitFor(30, TimeUnit.SECONDS) && docker.exitValue() == 0;
      docker.destroyForcibly();
      String version = Files.readString(output).strip();
      Files.delete(output);
      return answered ? version : null;
    } catch (IOException noDockerCli) {
      return null;
    }
  }

  private static String firstSet(String... variables) {
    for (String variable : variables) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static void compare(String measure, double cli, double ferry) {
    System.out.printf("  %-56s %10.1f %10.1f %7.2fx %8s%n", measure, cli, ferry, ferry / cli,
        String.format("<= %.1fx", TARGET));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }
}

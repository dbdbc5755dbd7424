package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Runs ferry as a user would, through the repository's {@code ./ferry} script (which runs the jar
 * this build made), in a project folder with its own FERRY_HOME.
 */
final class FerryProcess {
  private static final Path SCRIPT = Path.of("../ferry").toAbsolutePath().normalize();
  private static final Pattern RUN_ID = Pattern.compile("\\(([0-9a-f-]{36})\\)");

  private static boolean archivesMade;

  private final Path script;
  private final Path projectDir;
  private final Path home;
  private final Map<String, String> extraEnv;

  FerryProcess(Path projectDir, Path home) throws IOException, InterruptedException {
    this(SCRIPT, projectDir, home);
    makeArchives(projectDir);
  }

  /**
   * Runs ferry through {@code script}, the {@code ferry} script of another copy of the repository,
   * with nothing made beforehand.
   */
  FerryProcess(Path script, Path projectDir, Path home) {
    this(script, projectDir, home, Map.of());
  }

  private FerryProcess(Path script, Path projectDir, Path home, Map<String, String> extraEnv) {
    this.script = script;
    this.projectDir = projectDir;
    this.home = home;
    this.extraEnv = extraEnv;
  }

  /** The same ferry, with these environment variables set for its commands (e.g. PREFECT_API_KEY). */
  FerryProcess withEnv(Map<String, String> env) {
    return new FerryProcess(script, projectDir, home, env);
  }

  /**
   * After a build, the first command and the first agent start each have {@code ./ferry} make a
   * class-data archive in the background, and say so. Made once here and waited for, before the
   * first test's command: every test sees what a user of a built ferry sees, and none shares the
   * CPU with an archive being made.
   */
  private static synchronized void makeArchives(Path projectDir) throws IOException, InterruptedException {
    if (archivesMade) {
      return;
    }
    FerryProcess ferry = new FerryProcess(SCRIPT, projectDir, projectDir.resolveSibling("archives-home"));
    ferry.run("version");
    ferry.run("agent", "start", "-q", "archives", "--run-once");
    for (ProcessHandle maker : archiveMakers(SCRIPT.getParent())) {
      Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> !maker.isAlive());
    }
    archivesMade = true;
  }

  /**
   * The class-data archive makers that the {@code ferry} script of {@code repository} started in
   * the background and that still run: the lock file of each archive holds the pid of its last one.
   */
  static List<ProcessHandle> archiveMakers(Path repository) throws IOException {
    String script = repository.resolve("deploy/jvm/archive").toString();
    List<ProcessHandle> makers = new ArrayList<>();
    for (String archive : List.of("ferry.jsa", "agent.jsa")) {
      Path lock = repository.resolve("cli/target/" + archive + ".lock");
      if (Files.exists(lock)) {
        ProcessHandle.of(Long.parseLong(Files.readString(lock).trim()))
            .filter(process -> process.info().commandLine().orElse("").contains(script))
            .ifPresent(makers::add);
      }
    }
    return makers;
  }

  /** What a command printed and how it exited. */
  record Result(int exitCode, String out, String err) {
    /** The flow run id a "Created flow run 'name' (id)" line printed. */
    String runId() {
      Matcher matcher = RUN_ID.matcher(out);
      if (!matcher.find()) {
        throw new AssertionError("no run id in: " + out + err);
      }
      return matcher.group(1);
    }
  }

  Result run(String... args) throws IOException, InterruptedException {
    return finish(start(args));
  }

  /** Waits for a command {@link #start} started to exit. */
  Result finish(Process process) throws IOException, InterruptedException {
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(process.info().commandLine().orElse("ferry") + " did not finish in 3 minutes");
    }
    return new Result(process.exitValue(), read(process, "out"), read(process, "err"));
  }

  /** Starts a command and leaves it running; its output goes to files beside the project. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile());
    Map<String, String> env = builder.environment();
    env.remove("PREFECT_API_URL");
    env.remove("PREFECT_API_KEY");
    env.put("FERRY_HOME", home.toString());
    env.putAll(extraEnv);
    String id = Long.toString(System.nanoTime());
    builder.redirectOutput(projectDir.resolveSibling(id + ".out").toFile());
    builder.redirectError(projectDir.resolveSibling(id + ".err").toFile());
    Process process = builder.start();
    OUTPUTS.put(process, id);
    return process;
  }

  /** A flow run as {@code flow-run inspect} prints it (the command must succeed). */
  JsonNode inspect(String runId) throws IOException, InterruptedException {
    Result inspect = run("flow-run", "inspect", runId);
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    return Json.tree(inspect.out());
  }

  /** A flow run's state, as {@code flow-run inspect} prints it. */
  JsonNode state(String runId) throws IOException, InterruptedException {
    return inspect(runId).path("state");
  }

  /** That a command succeeded; what it printed when it did not. */
  static void succeeds(Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }

  String read(Process process, String stream) throws IOException {
    return Files.readString(projectDir.resolveSibling(OUTPUTS.get(process) + "." + stream), StandardCharsets.UTF_8);
  }

  private static final Map<Process, String> OUTPUTS = new ConcurrentHashMap<>();
}

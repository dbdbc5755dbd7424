package dev.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs ferry as a user would, through the repository's {@code ./ferry} script (which runs the jar
 * this build made), in a project folder with its own FERRY_HOME.
 */
final class FerryProcess {
  private static final Path SCRIPT = Path.of("../ferry").toAbsolutePath().normalize();
  private static final Pattern RUN_ID = Pattern.compile("\\(([0-9a-f-]{36})\\)");

  private final Path projectDir;
  private final Path home;
  private final Map<String, String> extraEnv;

  FerryProcess(Path projectDir, Path home) {
    this(projectDir, home, Map.of());
  }

  private FerryProcess(Path projectDir, Path home, Map<String, String> extraEnv) {
    this.projectDir = projectDir;
    this.home = home;
    this.extraEnv = extraEnv;
  }

  /** The same ferry, with these environment variables set for its commands (e.g. PREFECT_API_KEY). */
  FerryProcess withEnv(Map<String, String> env) {
    return new FerryProcess(projectDir, home, env);
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
    Process process = start(args);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("ferry " + String.join(" ", args) + " did not finish in 3 minutes");
    }
    return new Result(process.exitValue(), read(process, "out"), read(process, "err"));
  }

  /** Starts a command and leaves it running; its output goes to files beside the project. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
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

  String read(Process process, String stream) throws IOException {
    return Files.readString(projectDir.resolveSibling(OUTPUTS.get(process) + "." + stream), StandardCharsets.UTF_8);
  }

  private static final Map<Process, String> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();
}

package dev.ferry.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes a soak starts: the ferry server and the agent, each through {@code ./ferry} (whose java is the
 * process started, as it ends with {@code exec}) with a FERRY_HOME of its own and its output appended to a log
 * in the output folder, and the {@code jcmd} calls that sample the agent. The server can be stopped and started
 * again on its port and database. {@link #close()} stops whatever still runs.
 */
final class SoakProcesses implements AutoCloseable {
  static final String QUEUE = "soak";
  static final int LIMIT = 16;
  private static final Duration STOP = Duration.ofSeconds(60);
  private static final Duration JCMD = Duration.ofSeconds(60);

  private final Path root;
  private final Path homes;
  private final Path output;
  private final int serverPort = freePort();
  private final int healthPort = freePort();
  private final Set<Process> started = ConcurrentHashMap.newKeySet();
  private volatile Process server;
  private Process agent;

  SoakProcesses(Path root, Path homes, Path output) {
    this.root = root;
    this.homes = homes;
    this.output = output;
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + serverPort + "/api");
  }

  /** Where the agent serves {@code /health}, {@code /ready} and {@code /metrics}. */
  URI agentUrl(String path) {
    return URI.create("http://127.0.0.1:" + healthPort + path);
  }

  Process startServer() throws IOException {
    server = ferry("server", Map.of(), "server", "start", "--port", Integer.toString(serverPort));
    return server;
  }

  /** Stops the server as a service manager would (SIGTERM) and waits for it to exit. */
  void stopServer() throws InterruptedException {
    if (!stop(server)) {
      throw new IllegalStateException("the server did not exit within " + STOP + " of SIGTERM");
    }
  }

  Process startAgent() throws IOException {
    agent = ferry("agent", Map.of("PREFECT_API_URL", apiUrl().toString()), "agent", "start", "-q", QUEUE,
        "--limit", Integer.toString(LIMIT), "--health-port", "127.0.0.1:" + healthPort);
    return agent;
  }

  /** Stops the agent (SIGTERM) and says whether it exited within a minute; {@link #close()} stops it else. */
  boolean stopAgent() throws InterruptedException {
    return stop(agent);
  }

  /**
   * Runs {@code jcmd PID COMMAND}, its output appended to {@code jcmd.log}; an {@link IOException} when it fails or
   * takes a minute.
   */
  void jcmd(long pid, String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolve("jcmd.log").toFile())).start();
    started.add(jcmd);
    try {
      if (!jcmd.waitFor(JCMD.toSeconds(), TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        throw new IOException("jcmd " + pid + " " + command + " failed or took over " + JCMD
            + ": see jcmd.log in " + output);
      }
    } finally {
      jcmd.destroyForcibly();
      started.remove(jcmd);
    }
  }

  /**
   * Stops every process started here that still runs, at once, with the agent's runs: those it still holds and
   * those a dead agent left working in its runs folder.
   */
  @Override
  public void close() {
    started.forEach(process -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    });
    ProcessHandle.allProcesses().filter(process -> workingIn(process, homes)).forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether a process' working directory is in {@code folder} (as Linux's /proc tells). */
  private static boolean workingIn(ProcessHandle process, Path folder) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(folder);
    } catch (IOException | SecurityException gone) {
      return false;
    }
  }

  /** {@code ./ferry ARGUMENTS} with FERRY_HOME {@code homes/NAME}, its output appended to {@code NAME.log}. */
  private Process ferry(String name, Map<String, String> env, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(root.resolve("ferry").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolve(name + ".log").toFile()));
    builder.environment().remove("PREFECT_API_URL");
    builder.environment().remove("PREFECT_API_KEY");
    builder.environment().putAll(env);
    builder.environment().put("FERRY_HOME", Files.createDirectories(homes.resolve(name)).toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private boolean stop(Process process) throws InterruptedException {
    process.destroy(); // SIGTERM
    if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
      return false;
    }
    started.remove(process);
    return true;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

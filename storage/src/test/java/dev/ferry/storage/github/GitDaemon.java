package dev.ferry.storage.github;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code git daemon} on 127.0.0.1 serving the repositories of a folder, pushes allowed, for
 * one test class. Without git the tests are skipped with a message, or fail when {@code CI=true}
 * (.ci/run installs Debian's git).
 */
public final class GitDaemon implements AutoCloseable {
  private static final String READY = "Ready to rumble";

  private final Process process;
  private final int port;

  private GitDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a daemon serving {@code base} and returns once it listens. */
  public static GitDaemon start(Path base) throws Exception {
    requireGit();
    int port = freePort();
    Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--verbose", "--base-path=" + base,
        "--export-all", "--enable=receive-pack", "--listen=127.0.0.1", "--port=" + port, base.toString())
        .redirectErrorStream(true).start();
    GitDaemon daemon = new GitDaemon(process, port);
    StringBuffer output = new StringBuffer();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> follow(process, output, ready), "git-daemon-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      daemon.close();
      throw new IllegalStateException("git daemon did not start on port " + port + ": " + output, e);
    }
    return daemon;
  }

  /** The git:// URL of the repository {@code name} of the served folder. */
  public String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name;
  }

  /** Stops the daemon by its PID. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Reads the daemon's log, for a failure message, and tells {@code ready} when it listens or fails when it ends. */
  private static void follow(Process process, StringBuffer output, CompletableFuture<Void> ready) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.contains(READY)) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("git daemon ended"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void requireGit() throws InterruptedException {
    try {
      Process version = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      if (version.waitFor() == 0) {
        return;
      }
    } catch (IOException missing) {
      // reported below
    }
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail("git is not installed under CI=true: .ci/run must install Debian's git");
    }
    Assumptions.abort("git daemon tests skipped: install git (Debian's git package has git daemon)");
  }
}

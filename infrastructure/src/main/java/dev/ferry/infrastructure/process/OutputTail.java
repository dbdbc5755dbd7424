package dev.ferry.infrastructure.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Follows the file a process writes its output to, line by line, until the process has exited and
 * the file is read to its end. A file rather than a pipe: a process the agent leaves running
 * ({@code --drain-timeout 0}) goes on writing after the agent is gone, where a pipe would break,
 * and the agent that takes the run over goes on from where this one stopped ({@link #detach}).
 */
final class OutputTail {
  private static final long POLL_MILLIS = 50;

  private final Path file;
  private final Consumer<String> lines;
  /** Guards the two below: a line is handed on and counted at once, or not at all once detached. */
  private final Object handing = new Object();
  /** Bytes of the file up to the end of the last line handed on. */
  private long handedOn;
  private boolean detached;

  /** A tail of {@code file} that starts {@code from} bytes in, where a line starts. */
  OutputTail(Path file, long from, Consumer<String> lines) {
    this.file = file;
    this.lines = lines;
    this.handedOn = from;
  }

  /**
   * Stops handing lines on (the agent leaves the run running) and returns how far the file was
   * handed on, in bytes: the end of the last line handed on, where the next agent goes on.
   */
  long detach() {
    synchronized (handing) {
      detached = true;
      return handedOn;
    }
  }

  /**
   * Starts following on a thread of its own, while {@code process} runs (to the end of the file
   * when it is empty: the process is gone); completes once all of the output was handed on.
   */
  CompletableFuture<Void> follow(Optional<ProcessHandle> process) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        if (read(process)) {
          done.complete(null);
        } // detached: the run goes on without this agent, so it has not ended here
      } catch (IOException e) {
        lines.accept("[ferry] the output in " + file + " could not be read further: " + e.getMessage());
        done.complete(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done.complete(null);
      }
    }, "ferry-output-" + process.map(ProcessHandle::pid).orElse(0L));
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /** Reads until the process has ended and its output is all handed on (true), or until detached (false). */
  private boolean read(Optional<ProcessHandle> process) throws IOException, InterruptedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(handedOn);
      boolean exited = process.isEmpty();
      // one exit future for the whole run: each onExit() call adds a stage that, on a machine of
      // two CPUs or fewer, starts a thread of its own when the process ends (the soak saw thousands)
      CompletableFuture<ProcessHandle> exit = process.map(ProcessHandle::onExit).orElse(null);
      while (true) {
        int read = in.read(buffer);
        if (read > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer[i] == '\n') {
              if (!handOn(line, 1)) {
                return false;
              }
            } else {
              line.write(buffer[i]);
            }
          }
        } else if (exited) {
          break;
        } else if (!process.get().isAlive()) {
          exited = true; // one more pass reads what it wrote last
        } else {
          waitForExit(exit); // looks again as soon as the process ends
        }
      }
    }
    return line.size() == 0 || handOn(line, 0);
  }

  /** Hands a line on and counts it and its {@code ending} bytes, unless detached. */
  private boolean handOn(ByteArrayOutputStream line, int ending) {
    synchronized (handing) {
      if (detached) {
        return false;
      }
      handedOn += line.size() + ending;
      lines.accept(text(line));
      return true;
    }
  }

  private static void waitForExit(CompletableFuture<ProcessHandle> exit) throws InterruptedException {
    try {
      exit.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      // look at the file again
    } catch (java.util.concurrent.ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String text(ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}

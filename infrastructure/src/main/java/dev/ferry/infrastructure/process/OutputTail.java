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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows the file a process writes its output to, line by line, until the process has exited and
 * the file is read to its end. A file rather than a pipe: a process the agent leaves running
 * ({@code --drain-timeout 0}) goes on writing after the agent is gone, where a pipe would break,
 * and the agent that takes the run over goes on from where this one stopped ({@link #handedOn}).
 */
final class OutputTail {
  private static final long POLL_MILLIS = 50;

  private final Path file;
  private final Consumer<String> lines;
  /** Bytes of the file up to the end of the last line handed on. */
  private final AtomicLong handedOn;

  /** A tail of {@code file} that starts {@code from} bytes in, where a line starts. */
  OutputTail(Path file, long from, Consumer<String> lines) {
    this.file = file;
    this.lines = lines;
    this.handedOn = new AtomicLong(from);
  }

  /** How far the file was handed on, in bytes: the end of the last whole line. */
  long handedOn() {
    return handedOn.get();
  }

  /**
   * Starts following on a thread of its own, while {@code process} runs (to the end of the file
   * when it is empty: the process is gone); completes once all of the output was handed on.
   */
  CompletableFuture<Void> follow(Optional<ProcessHandle> process) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        read(process);
      } catch (IOException e) {
        lines.accept("[ferry] the output in " + file + " could not be read further: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.complete(null);
      }
    }, "ferry-output-" + process.map(ProcessHandle::pid).orElse(0L));
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  private void read(Optional<ProcessHandle> process) throws IOException, InterruptedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(handedOn.get());
      boolean exited = process.isEmpty();
      while (true) {
        int read = in.read(buffer);
        if (read > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer[i] == '\n') {
              long end = handedOn.get() + line.size() + 1;
              lines.accept(text(line));
              handedOn.set(end);
            } else {
              line.write(buffer[i]);
            }
          }
        } else if (exited) {
          break;
        } else if (!process.get().isAlive()) {
          exited = true; // one more pass reads what it wrote last
        } else {
          waitForExit(process.get()); // looks again as soon as the process ends
        }
      }
    }
    if (line.size() > 0) {
      long end = handedOn.get() + line.size();
      lines.accept(text(line));
      handedOn.set(end);
    }
  }

  private static void waitForExit(ProcessHandle process) throws InterruptedException {
    try {
      process.onExit().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
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

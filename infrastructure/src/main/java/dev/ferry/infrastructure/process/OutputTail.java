package dev.ferry.infrastructure.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the file a process writes its output to, line by line, until the process has exited and
 * the file is read to its end. A file rather than a pipe: a process the agent leaves running
 * ({@code --drain-timeout 0}) goes on writing after the agent is gone, where a pipe would break.
 */
final class OutputTail {
  private static final long POLL_MILLIS = 50;

  private OutputTail() {}

  /** Starts following {@code file} on a thread of its own; completes once all of the process's output was handed on. */
  static CompletableFuture<Void> follow(Process process, Path file, Consumer<String> lines) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        read(process, file, lines);
      } catch (IOException e) {
        lines.accept("[ferry] the output in " + file + " could not be read further: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.complete(null);
      }
    }, "ferry-output-" + process.pid());
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  private static void read(Process process, Path file, Consumer<String> lines) throws IOException, InterruptedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = Files.newInputStream(file)) {
      boolean exited = false;
      while (true) {
        int read = in.read(buffer);
        if (read > 0) {
          for (int i = 0; i < read; i++) {
            if (buffer[i] == '\n') {
              lines.accept(text(line));
            } else {
              line.write(buffer[i]);
            }
          }
        } else if (exited) {
          break;
        } else if (!process.isAlive()) {
          exited = true; // one more pass reads what it wrote last
        } else {
          process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS); // looks again as soon as the process ends
        }
      }
    }
    if (line.size() > 0) {
      lines.accept(text(line));
    }
  }

  private static String text(ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}

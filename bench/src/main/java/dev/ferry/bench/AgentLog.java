package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the agent's own log says went wrong: its WARN and ERROR lines, and lines that name an exception, with the
 * first few of each said. The flow runs' output the agent echoes ({@code RUN-NAME | line}) is left out: the failing
 * flows' tracebacks are the soak's doing.
 */
final class AgentLog {
  private static final Pattern LEVEL = Pattern.compile("^\\S+ (WARN|ERROR) .*");
  private static final Pattern ECHOED = Pattern.compile("^\\S+ INFO +\\S+ - \\S+ \\| .*");
  private static final int SHOWN = 5;

  private AgentLog() {}

  static void print(Path log) throws IOException {
    List<String> warnings = new ArrayList<>();
    List<String> exceptions = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines.filter(line -> !ECHOED.matcher(line).matches()).forEach(line -> {
        if (LEVEL.matcher(line).matches()) {
          warnings.add(line);
        } else if (line.contains("Exception")) {
          exceptions.add(line);
        }
      });
    } catch (UncheckedIOException unreadable) {
      throw unreadable.getCause();
    }
    System.out.printf("agent log %s: %,d WARN or ERROR lines, %,d other lines naming an exception%n", log,
        warnings.size(), exceptions.size());
    warnings.stream().limit(SHOWN).forEach(line -> System.out.println("  " + line));
    exceptions.stream().limit(SHOWN).forEach(line -> System.out.println("  " + line));
  }
}

package dev.ferry.agent;

import dev.ferry.json.Json;
import dev.ferry.model.LogRecord;
import dev.ferry.model.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent could not deliver before it stopped, because the API did not answer: run log
 * lines and final states, kept in {@code .outbox-ID.json} files of its runs folder. The next agent
 * on the same {@code FERRY_HOME} takes them (each file by one agent only) and delivers them first.
 *
 * @param logs the log lines, in the order they were written
 * @param states the final states, each after its run's lines
 */
record Outbox(List<LogRecord> logs, List<FinalState> states) {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");
  private static final String PREFIX = ".outbox-";

  /** A final state the agent decided for a run and has to deliver. */
  record FinalState(UUID flowRunId, String flowRunName, State state) {}

  boolean isEmpty() {
    return logs.isEmpty() && states.isEmpty();
  }

  /** Writes this outbox into {@code runsRoot}, whole or not at all; returns the file. */
  Path keep(Path runsRoot) throws IOException {
    Files.createDirectories(runsRoot);
    Path file = runsRoot.resolve(PREFIX + UUID.randomUUID() + ".json");
    Path partial = runsRoot.resolve(file.getFileName() + ".partial");
    Files.writeString(partial, Json.write(this));
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /**
   * Takes the outboxes kept in {@code runsRoot}, oldest first, deleting each file it read. A file
   * that cannot be read is said and left where it is.
   */
  static Outbox take(Path runsRoot) throws IOException {
    List<LogRecord> logs = new ArrayList<>();
    List<FinalState> states = new ArrayList<>();
    if (Files.isDirectory(runsRoot)) {
      List<Path> files;
      try (Stream<Path> all = Files.list(runsRoot)) {
        files = all.filter(path -> path.getFileName().toString().startsWith(PREFIX)
            && path.getFileName().toString().endsWith(".json")).sorted(Outbox::byTime).toList();
      }
      for (Path file : files) {
        Outbox kept;
        try {
          kept = Json.read(file, Outbox.class);
          Files.delete(file);
        } catch (NoSuchFileException takenByAnotherAgent) {
          continue;
        } catch (IOException | RuntimeException unreadable) {
          LOG.warn("Cannot deliver what an agent before this one kept: {} (repair or delete the file)",
              unreadable.getMessage());
          continue;
        }
        logs.addAll(kept.logs());
        states.addAll(kept.states());
      }
    }
    return new Outbox(logs, states);
  }

  private static int byTime(Path a, Path b) {
    try {
      return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
    } catch (IOException e) {
      return 0;
    }
  }
}

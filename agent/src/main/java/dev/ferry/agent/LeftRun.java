package dev.ferry.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ferry.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent that stops and leaves a run running ({@code --drain-timeout 0}) writes into the
 * run's folder, {@code .ferry/left.json}, so that the next agent on the same {@code FERRY_HOME}
 * takes the run over: which run, its infrastructure, whether it reports its own states, and how
 * much of its output was already shipped.
 *
 * @param leftAt when the record was written (the file's time, not a field): the run started before
 */
record LeftRun(UUID flowRunId, String infrastructurePid, boolean reportsOwnStates, long outputOffset,
    @JsonIgnore Instant leftAt) {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");

  /** Writes the record into {@code runDir}. */
  void write(Path runDir) throws IOException {
    Path file = file(runDir);
    Files.createDirectories(file.getParent()); // a run whose infrastructure took nothing from the agent has none
    Files.writeString(file, Json.write(this));
  }

  /**
   * Takes the runs left in the folders under {@code runsRoot}: each record is deleted once read, so
   * that of two agents starting on the same {@code FERRY_HOME} only one takes a run over. A record
   * that cannot be read is said and left where it is.
   */
  static List<LeftRun> takeAll(Path runsRoot) throws IOException {
    List<LeftRun> left = new ArrayList<>();
    if (!Files.isDirectory(runsRoot)) {
      return left;
    }
    try (Stream<Path> runDirs = Files.list(runsRoot)) {
      for (Path record : runDirs.map(LeftRun::file).filter(Files::isRegularFile).toList()) {
        try {
          LeftRun read = Json.read(record, LeftRun.class);
          Instant leftAt = Files.getLastModifiedTime(record).toInstant();
          Files.delete(record);
          left.add(new LeftRun(read.flowRunId(), read.infrastructurePid(), read.reportsOwnStates(), read.outputOffset(),
              leftAt));
        } catch (NoSuchFileException takenByAnotherAgent) {
          // another agent starting at the same time took this run over
        } catch (IOException | RuntimeException unreadable) {
          LOG.warn("Cannot take over a run an agent before this one left running: {} (repair or delete the file)",
              unreadable.getMessage());
        }
      }
    }
    return left;
  }

  private static Path file(Path runDir) {
    return runDir.resolve(".ferry").resolve("left.json");
  }
}

package dev.ferry.agent;

import dev.ferry.client.ApiException;
import dev.ferry.client.OrchestrationClient;
import dev.ferry.model.FlowRun;
import dev.ferry.vertx.Blocking;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run folders under {@code $FERRY_HOME/runs} that no agent looks after any more: an agent killed (SIGKILL, the
 * OOM killer) leaves its runs' folders, and a flow process it started may still be working in one while the
 * server's reaper marks the run CRASHED. The agent takes the folders of runs that ended a minute or more ago (by
 * then the agent that ran one has removed it itself), or that the server does not know: it stops each process
 * still working in the folder (found by its working directory, on Linux), removes the folder and says how many
 * it removed and how much space that freed. The folders of runs still going, and of those it holds, are left.
 */
final class RunFolders {
  private static final Logger LOG = LoggerFactory.getLogger("ferry.agent");
  /** How long after its run ended a folder is still its agent's to remove. */
  static final Duration SETTLED = Duration.ofMinutes(1);
  private static final Path PROC = Path.of("/proc");

  private final OrchestrationClient client;
  private final ApiLink link;
  private final Blocking blocking;
  private final Path runsRoot;
  private final Duration grace;
  private final Duration settled;

  /** A folder taken: the bytes it held and the processes stopped in it. */
  private record Taken(long bytes, int stopped) {
    static final Taken NOTHING = new Taken(0, 0);
  }

  /** Folders of runs that ended more than {@code settled} ago are taken ({@link #SETTLED} but in tests). */
  RunFolders(OrchestrationClient client, ApiLink link, Blocking blocking, Path runsRoot, Duration grace,
      Duration settled) {
    this.client = client;
    this.link = link;
    this.blocking = blocking;
    this.runsRoot = runsRoot;
    this.grace = grace;
    this.settled = settled;
  }

  /** Takes the folders of ended or unknown runs, except those of {@code held}; how many it took. */
  Future<Integer> sweep(Set<UUID> held) {
    return blocking.run(() -> runFolders(held)).compose(folders -> {
      List<Future<Taken>> taken = folders.stream().map(this::takeIfEnded).toList();
      return Future.all(taken).map(all -> {
        List<Taken> done = taken.stream().map(Future::result).filter(t -> t != Taken.NOTHING).toList();
        if (!done.isEmpty()) {
          LOG.info("Removed {} run folders left by an agent before this one ({} freed){}", done.size(),
              size(done.stream().mapToLong(Taken::bytes).sum()), stopped(done.stream().mapToInt(Taken::stopped)
                  .sum()));
        }
        return done.size();
      });
    });
  }

  /** Deletes {@code dir} and everything in it; nothing when it is not there. */
  static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** The folders named by a run's id, but those of {@code held}. */
  private List<Path> runFolders(Set<UUID> held) throws IOException {
    if (!Files.isDirectory(runsRoot)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(runsRoot)) {
      return children.filter(Files::isDirectory).filter(dir -> runOf(dir).filter(id -> !held.contains(id))
          .isPresent()).toList();
    }
  }

  private Future<Taken> takeIfEnded(Path folder) {
    UUID id = runOf(folder).orElseThrow();
    return link.persist(() -> client.readFlowRun(id).recover(error -> error instanceof ApiException api
            && api.notFound() ? Future.succeededFuture(null) : Future.failedFuture(error)))
        .compose(run -> blocking.run(() -> isSettled(run, folder) ? take(folder, id, run) : Taken.NOTHING))
        .recover(error -> {
          LOG.warn("Cannot look at the run folder {} left by an agent before this one: {}", folder,
              error.getMessage());
          return Future.succeededFuture(Taken.NOTHING);
        });
  }

  /** Whether the run ended a while ago, or the server does not know it and the folder was left a while ago. */
  private boolean isSettled(FlowRun run, Path folder) throws IOException {
    Instant settledBefore = Instant.now().minus(settled);
    if (run == null) {
      return Files.getLastModifiedTime(folder).toInstant().isBefore(settledBefore);
    }
    return run.state() != null && run.state().isFinal() && run.state().timestamp() != null
        && run.state().timestamp().toInstant().isBefore(settledBefore);
  }

  /** Blocking: stops what still works in the folder, then removes it. */
  private Taken take(Path folder, UUID id, FlowRun run) throws IOException {
    String why = run == null ? "which the server does not know" : "whose run ended " + run.state().type();
    int stopped = 0;
    for (ProcessHandle process : workingIn(folder.toRealPath())) {
      stop(process);
      stopped++;
      LOG.info("Stopped process {} still working in the folder of flow run {}, {}", process.pid(), id, why);
    }
    long bytes = bytes(folder);
    delete(folder);
    return new Taken(bytes, stopped);
  }

  /** The processes whose working directory is in {@code folder}: where a run's process starts, and stays. */
  private static List<ProcessHandle> workingIn(Path folder) {
    if (!Files.isDirectory(PROC)) {
      return List.of(); // no /proc to ask (not Linux): the folder goes, what works in it is not found
    }
    List<ProcessHandle> working = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(process -> {
      try {
        if (Files.readSymbolicLink(PROC.resolve(Long.toString(process.pid())).resolve("cwd")).startsWith(folder)) {
          working.add(process);
        }
      } catch (IOException | SecurityException | UnsupportedOperationException gone) {
        // ended meanwhile, or another user's: not one of ours
      }
    });
    return working;
  }

  /** A polite stop, {@code grace} to end, then a forced one. */
  private void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException stillThere) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Optional<UUID> runOf(Path folder) {
    try {
      return Optional.of(UUID.fromString(folder.getFileName().toString()));
    } catch (IllegalArgumentException notARun) {
      return Optional.empty(); // the code cache, the outbox
    }
  }

  private static long bytes(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).mapToLong(path -> {
        try {
          return Files.size(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static String size(long bytes) {
    return bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0)
        : String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }

  private static String stopped(int processes) {
    return processes == 0 ? "" : "; stopped " + processes + " processes still working in them";
  }
}

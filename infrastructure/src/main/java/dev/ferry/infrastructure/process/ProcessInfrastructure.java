package dev.ferry.infrastructure.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a flow as a child process of the agent. Its output (stdout and stderr) goes to
 * {@code .ferry/output.log} in the run's folder, which the agent follows. The infrastructure pid is
 * {@code host:pid}; kill stops the whole process tree, politely first.
 */
public final class ProcessInfrastructure implements Infrastructure {
  /** Where {@link #keepingExitStatus} has a command's exit status written, in the run's {@code .ferry} folder. */
  private static final String EXIT_STATUS = "exit-status";
  /** Runs the command ({@code "$@"} after the file) and writes its status to the file, whole or not at all. */
  private static final String KEEP_EXIT_STATUS =
      "f=$1; shift; \"$@\"; s=$?; echo \"$s\" > \"$f.part\" && mv \"$f.part\" \"$f\"; exit \"$s\"";
  private final ProcessBlock block;

  ProcessInfrastructure(ProcessBlock block) {
    this.block = block;
  }

  public static ProcessInfrastructure fromBlock(ObjectNode data) {
    ProcessBlock block;
    try {
      block = Json.MAPPER.treeToValue(data, ProcessBlock.class);
    } catch (Exception e) {
      throw new InfrastructureException("Block type 'process' has a field of the wrong type: " + e.getMessage(), e);
    }
    if (block.command() != null && !block.command().isEmpty() && block.command().stream().anyMatch(a -> a == null)) {
      throw new InfrastructureException("Field 'command' of block type 'process' holds a null; give each argument as a string");
    }
    return new ProcessInfrastructure(block);
  }

  @Override
  public String type() {
    return "process";
  }

  @Override
  public boolean streamsOutput() {
    return block.streams();
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new java.util.ArrayList<>();
    if (block.command() == null || block.command().isEmpty()) {
      checks.add(Check.ok("process", "runs flows on this host with the agent's default command (the ferry launcher)"));
    } else {
      checks.add(CommandLookup.check(block.command().get(0)));
    }
    if (block.workingDir() != null && !block.workingDir().isBlank() && !Files.isDirectory(Path.of(block.workingDir()))) {
      checks.add(Check.failed("process working_dir " + block.workingDir(), "no such folder on this machine",
          "create it, or leave working_dir empty so that the run works in its own folder with its code"));
    }
    return checks;
  }

  @Override
  public LaunchSpec prepare(RunContext context) {
    Map<String, String> env = new HashMap<>(context.env());
    if (block.env() != null) {
      env.putAll(block.env());
    }
    boolean useDefault = block.command() == null || block.command().isEmpty();
    List<String> argv = useDefault ? context.defaultCommand() : block.command();
    Path dir = block.workingDir() == null || block.workingDir().isBlank()
        ? context.workingDir() : Path.of(block.workingDir());
    return new LaunchSpec(List.copyOf(argv), env, dir, context.workingDir(), useDefault, context);
  }

  /**
   * A custom command run through {@code sh}, which writes the command's exit status to {@value #EXIT_STATUS} in
   * the run's folder once it ends: a process's status goes to its parent only, and the agent that takes the run
   * over is not that. One process more, only in the runs of an agent that leaves them running; the launcher needs
   * none, since it reports its run's end itself.
   */
  @Override
  public LaunchSpec keepingExitStatus(LaunchSpec spec) {
    if (spec.usesDefaultCommand()) {
      return spec;
    }
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", KEEP_EXIT_STATUS, "ferry-exit-status",
        exitStatusFile(spec.runDir()).toString()));
    argv.addAll(spec.argv());
    return new LaunchSpec(List.copyOf(argv), spec.env(), spec.workingDir(), spec.runDir(), false, spec.run());
  }

  /** The argv, the environment's changes (null unsets) and the folder of the process. */
  @Override
  public Map<String, Object> describe(LaunchSpec spec) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("argv", spec.argv());
    description.put("env", new TreeMap<>(spec.env()));
    description.put("working_dir", spec.workingDir().toString());
    return description;
  }

  @Override
  public Launched launch(LaunchSpec spec, Consumer<String> output) {
    Path outputFile = spec.runDir().resolve(".ferry").resolve("output.log");
    ProcessBuilder builder = new ProcessBuilder(spec.argv()).directory(spec.workingDir().toFile())
        .redirectErrorStream(true).redirectOutput(outputFile.toFile());
    spec.env().forEach((key, value) -> {
      if (value == null) {
        builder.environment().remove(key);
      } else {
        builder.environment().put(key, value);
      }
    });
    Process process;
    try {
      Files.createDirectories(outputFile.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new InfrastructureException("Process infrastructure cannot start " + spec.argv() + " in " + spec.workingDir()
          + ": " + e.getMessage(), e);
    }
    // the run ends when the process does (a child it left behind does not keep it open), once what it wrote was read
    OutputTail tail = new OutputTail(outputFile, 0, output);
    CompletableFuture<Exit> exit = process.onExit().thenCombine(tail.follow(Optional.of(process.toHandle())),
        (p, ignored) -> Exit.ofStatus(p.exitValue()));
    return launched(hostName() + ":" + process.pid(), tail, exit);
  }

  /**
   * Follows a process another agent started (a child of nobody here now) from where that agent's
   * tail of its output stopped. Its exit status went to the system: the exit is the one
   * {@link #keepingExitStatus} wrote down, else {@link Exit#unknown()}. A process already gone, or a newer one
   * under the same pid (started after {@code startedBefore}), is followed only to the end of its output.
   */
  @Override
  public Launched reattach(String infrastructurePid, Path runDir, Instant startedBefore, long outputOffset,
      Consumer<String> output) {
    Optional<ProcessHandle> process = ProcessHandle.of(localPid(infrastructurePid))
        .filter(handle -> handle.info().startInstant().map(start -> !start.isAfter(startedBefore)).orElse(false));
    OutputTail tail = new OutputTail(runDir.resolve(".ferry").resolve("output.log"), outputOffset, output);
    CompletableFuture<Exit> exit = tail.follow(process).thenApply(ignored -> keptExitStatus(runDir));
    return launched(infrastructurePid, tail, exit);
  }

  private static Exit keptExitStatus(Path runDir) {
    try {
      return Exit.ofStatus(Integer.parseInt(Files.readString(exitStatusFile(runDir)).trim()));
    } catch (IOException | NumberFormatException notKept) {
      return Exit.unknown();
    }
  }

  private static Path exitStatusFile(Path runDir) {
    return runDir.resolve(".ferry").resolve(EXIT_STATUS);
  }

  private static Launched launched(String pid, OutputTail tail, CompletableFuture<Exit> exit) {
    return new Launched() {
      @Override
      public String infrastructurePid() {
        return pid;
      }

      @Override
      public CompletableFuture<Exit> exit() {
        return exit;
      }

      @Override
      public long detach() {
        return tail.detach();
      }
    };
  }

  @Override
  public void kill(String infrastructurePid, Duration grace) {
    Optional<ProcessHandle> handle = ProcessHandle.of(localPid(infrastructurePid));
    if (handle.isEmpty()) {
      throw new InfrastructureNotFound("Process " + infrastructurePid + " is not running");
    }
    List<ProcessHandle> tree = new java.util.ArrayList<>(handle.get().descendants().toList());
    tree.add(0, handle.get());
    tree.forEach(ProcessHandle::destroy);
    try {
      handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrInterrupt) {
      // still alive after the grace period: force it below
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** The pid of {@code host:pid}; fails when the process runs on another host, which the agent there looks after. */
  private static long localPid(String infrastructurePid) {
    int colon = infrastructurePid.lastIndexOf(':');
    String host = colon < 0 ? "" : infrastructurePid.substring(0, colon);
    if (!host.equals(hostName())) {
      throw new InfrastructureNotAvailable("Process " + infrastructurePid + " runs on host '" + host
          + "', not on this one ('" + hostName() + "'); the agent on that host looks after it");
    }
    return Long.parseLong(infrastructurePid.substring(colon + 1));
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.ferry.infrastructure.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotAvailable;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a flow as a child process of the agent. The infrastructure pid is {@code host:pid}; kill
 * stops the whole process tree, politely first.
 */
public final class ProcessInfrastructure implements Infrastructure {
  /** How long output is still read after the process exited. */
  private static final Duration OUTPUT_AFTER_EXIT = Duration.ofSeconds(5);
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
  public LaunchSpec prepare(RunContext context) {
    Map<String, String> env = new HashMap<>(context.env());
    if (block.env() != null) {
      env.putAll(block.env());
    }
    boolean useDefault = block.command() == null || block.command().isEmpty();
    List<String> argv = useDefault ? context.defaultCommand() : block.command();
    Path dir = block.workingDir() == null || block.workingDir().isBlank()
        ? context.workingDir() : Path.of(block.workingDir());
    return new LaunchSpec(List.copyOf(argv), env, dir, useDefault);
  }

  @Override
  public Launched launch(LaunchSpec spec, Consumer<String> output) {
    ProcessBuilder builder = new ProcessBuilder(spec.argv()).directory(spec.workingDir().toFile()).redirectErrorStream(true);
    spec.env().forEach((key, value) -> {
      if (value == null) {
        builder.environment().remove(key);
      } else {
        builder.environment().put(key, value);
      }
    });
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new InfrastructureException("Process infrastructure cannot start " + spec.argv() + " in " + spec.workingDir()
          + ": " + e.getMessage(), e);
    }
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(process, output, drained), "ferry-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    String pid = hostName() + ":" + process.pid();
    // A child the flow left behind may hold the output open: the run ends when the process does,
    // with a few seconds for the rest of its output.
    CompletableFuture<Exit> exit = process.onExit().thenCompose(p -> drained
        .completeOnTimeout(null, OUTPUT_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(ignored -> Exit.ofStatus(p.exitValue())));
    return new Launched() {
      @Override
      public String infrastructurePid() {
        return pid;
      }

      @Override
      public CompletableFuture<Exit> exit() {
        return exit;
      }
    };
  }

  @Override
  public void kill(String infrastructurePid, Duration grace) {
    int colon = infrastructurePid.lastIndexOf(':');
    String host = colon < 0 ? "" : infrastructurePid.substring(0, colon);
    if (!host.equals(hostName())) {
      throw new InfrastructureNotAvailable("Process " + infrastructurePid + " runs on host '" + host + "', not on this one ('"
          + hostName() + "'); the agent on that host stops it");
    }
    long pid = Long.parseLong(infrastructurePid.substring(colon + 1));
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
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

  private static void pump(Process process, Consumer<String> output, CompletableFuture<Void> drained) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.accept(line);
      }
    } catch (IOException e) {
      output.accept("[ferry] output of the process could not be read further: " + e.getMessage());
    } finally {
      drained.complete(null);
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.ferry.infrastructure.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.InfrastructureNotFound;
import dev.ferry.infrastructure.LaunchSpec;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.infrastructure.RunLabels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a flow in a Docker container on the engine the agent's environment names ({@link DockerEngine}),
 * as Prefect's {@code docker-container} block does. The run's folder is copied into the created
 * container before it starts ({@link CodeArchive}), so the engine needs no share of the agent's disk;
 * with no command, the container runs the ferry launcher with the image's {@code python3}. Its output
 * is read from the engine's log ({@link ContainerOutput}), and its end from the engine
 * ({@link ContainerEnd}): the exit code, and a kill for memory, even for a container an agent before
 * this one started. The infrastructure pid is {@code ENGINE-ID:CONTAINER-ID}.
 */
public final class DockerInfrastructure implements Infrastructure {
  private static final String API_URL = "PREFECT_API_URL";
  private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
  /** The labels of a run's container, with Prefect's keys as Prefect writes them for Docker. */
  static final RunLabels LABELS = new RunLabels("io.prefect.", UnaryOperator.identity(), UnaryOperator.identity());
  /** On the container of a block with {@code auto_remove}: the runner removes it once it has ended. */
  static final String AUTO_REMOVE = "dev.ferry.auto-remove";

  private final DockerBlock block;

  /** A run's container and the code that goes into it. */
  private record Prepared(ContainerRequest request, CodeArchive code, LaunchSpec spec) {}

  DockerInfrastructure(DockerBlock block) {
    this.block = block;
  }

  /** The infrastructure of a block document's data (with the deployment's overrides applied). */
  public static DockerInfrastructure fromBlock(ObjectNode data) {
    return new DockerInfrastructure(DockerBlock.fromData(data));
  }

  @Override
  public String type() {
    return DockerBlock.TYPE;
  }

  @Override
  public boolean streamsOutput() {
    return block.streamOutput();
  }

  @Override
  public boolean codeWithoutStorageIsInImage() {
    return true;
  }

  @Override
  public List<Check> checks() {
    return new DockerChecks(block).checks();
  }

  @Override
  public LaunchSpec prepare(RunContext context) {
    return prepared(context).spec();
  }

  /** The container for a run, the code that goes into it, and the spec that says so. */
  private Prepared prepared(RunContext context) {
    boolean useDefault = block.command().isEmpty();
    CodeArchive code = new CodeArchive(context.workingDir(), useDefault ? context.launcher() : null,
        context.imageCodePath() != null);
    if (useDefault && context.launcher() == null) {
      throw new InfrastructureException("A docker-container run without a command needs the ferry launcher in its"
          + " folder, and this run has none; give the block a command");
    }
    List<String> argv = useDefault ? List.of("python3", code.inContainer(context.launcher())) : block.command();
    String workingDir = context.imageCodePath() != null ? context.imageCodePath() : CodeArchive.RUN_FOLDER;
    ContainerNetwork network = ContainerNetwork.of(block, context.env().get(API_URL), LINUX);
    Map<String, String> env = context.envWith(block.env());
    if (network.apiUrl() != null) {
      env.put(API_URL, network.apiUrl());
    }
    String name = ContainerName.of(block.name() != null ? block.name() : context.runName());
    ContainerRequest request = new ContainerRequest(name, block.image(), argv, Collections.unmodifiableMap(env),
        labels(context), workingDir, network, block);
    LaunchSpec spec = new LaunchSpec(argv, request.env(), Path.of(workingDir), context.workingDir(), useDefault,
        context);
    return new Prepared(request, code, spec);
  }

  private Map<String, String> labels(RunContext context) {
    Map<String, String> labels = LABELS.of(context, block.labels());
    if (block.autoRemove()) {
      labels.put(AUTO_REMOVE, "true");
    }
    return labels;
  }

  /** The container create request, in the Engine API's keys. */
  @Override
  public Map<String, Object> describe(LaunchSpec spec) {
    return prepared(spec.run()).request().describe();
  }

  @Override
  public Launched launch(LaunchSpec spec, Consumer<String> output) {
    Prepared run = prepared(spec.run());
    DockerEngine engine = DockerEngine.fromEnvironment();
    engine.id(); // reachable, before anything is pulled or created
    List<String> imageEntrypoint = new Images(engine, block).ensure(output);
    String containerId = run.request().create(engine, MergedOutput.entrypoint(imageEntrypoint), output);
    try {
      if (!MergedOutput.possible(engine, containerId)) {
        remove(engine, containerId);
        output.accept("[ferry] Image '" + block.image() + "' has no " + MergedOutput.SHELL.get(0) + " to put the"
            + " run's stderr into its stdout: lines of the two may come out of order");
        containerId = run.request().create(engine, null, output);
      }
      for (String network : run.request().network().laterNetworks()) {
        engine.client().connectToNetworkCmd().withNetworkId(network).withContainerId(containerId).exec();
      }
      run.code().copyInto(engine.client(), containerId);
      engine.client().startContainerCmd(containerId).exec();
    } catch (RuntimeException e) {
      remove(engine, containerId);
      throw startFailure(engine, run.request(), spec, e);
    }
    engine.retention().removeExpired(engine.client());
    ContainerEnd end = new ContainerEnd(engine, containerId, block.memLimit() == null ? 0 : block.memLimit().bytes(),
        block.autoRemove());
    return ContainerRun.follow(engine.pid(containerId), new ContainerOutput(engine, containerId, 0, output), end);
  }

  /** The running containers of ferry's runs on the agent's engine, by their runs' labels. */
  @Override
  public Map<UUID, String> running() {
    DockerEngine engine = DockerEngine.fromEnvironment();
    try {
      Map<UUID, String> running = new HashMap<>();
      for (Container container : engine.client().listContainersCmd()
          .withLabelFilter(List.of(RunLabels.VERSION, LABELS.flowRunId())).exec()) {
        UUID run = LABELS.runOf(container.getLabels());
        if (run != null) {
          running.put(run, engine.pid(container.getId()));
        }
      }
      return running;
    } catch (RuntimeException e) {
      throw engine.failure("list the containers of ferry's runs", e);
    }
  }

  /**
   * Follows a container an agent before this one started, from where that agent's output stopped,
   * to its real end. A container already gone (removed by hand, or by a sweep a day after it ended)
   * leaves nothing to follow, and its end is not known. The engine never gives a container's id to another, so
   * {@code startedBefore} has nothing to tell apart here.
   */
  @Override
  public Launched reattach(String infrastructurePid, Path runDir, Instant startedBefore, long outputOffset,
      Consumer<String> output) {
    DockerEngine engine = DockerEngine.fromEnvironment();
    String id = engine.containerOf(infrastructurePid);
    ContainerOutput containerOutput = new ContainerOutput(engine, id, outputOffset, output);
    try {
      InspectContainerResponse container = engine.client().inspectContainerCmd(id).exec();
      Long memory = container.getHostConfig().getMemory();
      Map<String, String> labels = container.getConfig().getLabels();
      ContainerEnd end = new ContainerEnd(engine, id, memory == null ? 0 : memory,
          labels != null && "true".equals(labels.get(AUTO_REMOVE)));
      return ContainerRun.follow(infrastructurePid, containerOutput, end);
    } catch (NotFoundException gone) {
      containerOutput.say("[ferry] Container " + infrastructurePid + " is gone (removed), with the rest of its output");
      return ContainerRun.ended(infrastructurePid, containerOutput, Exit.unknown());
    } catch (RuntimeException e) {
      throw engine.failure("show container " + infrastructurePid, e);
    }
  }

  /**
   * Stops the container as {@code docker stop} does: its stop signal (SIGTERM unless the image says
   * otherwise), {@code grace} (in whole seconds, rounded up, as the engine takes it), then SIGKILL.
   */
  @Override
  public void kill(String infrastructurePid, Duration grace) {
    DockerEngine engine = DockerEngine.fromEnvironment();
    String id = engine.containerOf(infrastructurePid);
    try {
      engine.client().stopContainerCmd(id).withTimeout((int) ((grace.toMillis() + 999) / 1000)).exec();
    } catch (NotFoundException gone) {
      throw new InfrastructureNotFound("Container " + infrastructurePid + " is gone: nothing is left to stop");
    } catch (NotModifiedException stopped) {
      throw new InfrastructureNotFound("Container " + infrastructurePid + " has already ended");
    } catch (RuntimeException e) {
      throw engine.failure("stop container " + infrastructurePid, e);
    }
  }


  private static InfrastructureException startFailure(DockerEngine engine, ContainerRequest request, LaunchSpec spec,
      RuntimeException e) {
    String what = "start a container of image '" + request.image() + "'";
    if (!(e instanceof DockerException refused)) {
      return engine.failure(what, e);
    }
    String reason = DockerEngine.reason(refused);
    String fix = reason.contains("executable file not found")
        ? "use an image that has '" + spec.argv().get(0) + "' on its PATH, or mend the block's command"
        : "mend what the engine names in the block's fields";
    return new InfrastructureException("Docker engine at " + engine.host() + " refused to " + what + ": " + reason
        + "; " + fix, e);
  }

  private static void remove(DockerEngine engine, String containerId) {
    try {
      engine.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException alreadyGone) {
      // it never started, so nothing of the run is in it; one that stays shows in docker ps -a with its labels
    }
  }
}

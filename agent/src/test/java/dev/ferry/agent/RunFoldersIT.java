package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.model.Deployment;
import dev.ferry.model.FlowRun;
import dev.ferry.model.State;
import dev.ferry.model.StateType;
import dev.ferry.vertx.Blocking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What an agent killed with SIGKILL leaves under its runs folder, taken by the next: the folders of ended runs
 * and of runs the server does not know go, with a process still working in one; those of runs still going,
 * those the agent holds and the code cache stay.
 */
class RunFoldersIT extends AgentTest {
  @TempDir Path runsRoot;
  private Process leftWorking;

  @AfterEach
  void stopLeftProcess() {
    if (leftWorking != null) {
      leftWorking.destroyForcibly();
    }
  }

  @Test
  void foldersOfEndedAndUnknownRunsGoWithWhatStillWorksInThemAndTheRestStay() throws Exception {
    Deployment deployment = Fixtures.processDeployment(client, "left", "left", List.of("true"), null);
    FlowRun crashed = run(deployment, StateType.CRASHED);
    FlowRun running = run(deployment, StateType.RUNNING);
    FlowRun held = run(deployment, StateType.COMPLETED);
    Path crashedFolder = folder(crashed.id(), 4096);
    Path unknownFolder = folder(UUID.randomUUID(), 1024);
    Path runningFolder = folder(running.id(), 10);
    Path heldFolder = folder(held.id(), 10);
    Path codeCache = Files.createDirectories(runsRoot.resolve(".code-cache"));
    leftWorking = new ProcessBuilder("sleep", "300").directory(crashedFolder.toFile()).start();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("ferry.agent")).addAppender(log);
    RunFolders folders = new RunFolders(client, new ApiLink(vertx, client.apiUrl(), AgentMetrics.NONE),
        new Blocking(vertx, "test", 2), runsRoot, Duration.ofSeconds(5), Duration.ZERO);

    int taken = await(folders.sweep(Set.of(held.id())));

    assertThat(taken).isEqualTo(2);
    assertThat(crashedFolder).doesNotExist();
    assertThat(unknownFolder).doesNotExist();
    assertThat(runningFolder).exists();
    assertThat(heldFolder).exists();
    assertThat(codeCache).exists();
    assertThat(leftWorking.isAlive()).as("the process working in the crashed run's folder").isFalse();
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("Stopped process " + leftWorking.pid() + " still working in the folder of flow run "
            + crashed.id() + ", whose run ended CRASHED")
        .contains("Removed 2 run folders left by an agent before this one (5.0 KiB freed); stopped 1 processes"
            + " still working in them");
  }

  @Test
  void aFolderWhoseRunEndedMomentsAgoIsStillItsAgentsToRemove() throws Exception {
    Deployment deployment = Fixtures.processDeployment(client, "recent", "recent", List.of("true"), null);
    Path folder = folder(run(deployment, StateType.COMPLETED).id(), 10);
    RunFolders folders = new RunFolders(client, new ApiLink(vertx, client.apiUrl(), AgentMetrics.NONE),
        new Blocking(vertx, "test", 2), runsRoot, Duration.ofSeconds(5), RunFolders.SETTLED);

    assertThat(await(folders.sweep(Set.of()))).isZero();
    assertThat(folder).exists();
  }

  private FlowRun run(Deployment deployment, StateType type) {
    FlowRun run = Fixtures.scheduleRun(client, deployment);
    await(client.setFlowRunState(run.id(), State.of(type, null), true));
    return run;
  }

  /** A run's folder with a file of {@code bytes} bytes. */
  private Path folder(UUID run, int bytes) throws Exception {
    Path folder = Files.createDirectories(runsRoot.resolve(run.toString()));
    Files.write(folder.resolve("flows.py"), new byte[bytes]);
    return folder;
  }
}

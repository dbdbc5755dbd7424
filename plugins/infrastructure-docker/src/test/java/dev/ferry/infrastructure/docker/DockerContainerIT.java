package dev.ferry.infrastructure.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.ferry.doctor.Check;
import dev.ferry.infrastructure.Exit;
import dev.ferry.infrastructure.Infrastructure;
import dev.ferry.infrastructure.InfrastructureException;
import dev.ferry.infrastructure.Launched;
import dev.ferry.infrastructure.RunContext;
import dev.ferry.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of a docker-container block sees on a real engine: where the code is in the container,
 * how a run ends (its code, out of memory, a missing image), a run another agent takes over, and
 * what stays on the engine afterwards. A command that needs no Python runs on the busybox image.
 */
class DockerContainerIT {
  private final TestContainers containers = new TestContainers();
  private final List<String> output = new CopyOnWriteArrayList<>();

  @TempDir Path runDir;

  @AfterEach
  void removeContainers() {
    containers.removeAll();
  }

  @Test
  void theRunsFolderIsTheWorkingDirectoryWithItsCodeWritableByTheRun() throws Exception {
    Files.createDirectories(runDir.resolve("flows"));
    Files.writeString(runDir.resolve("flows/hello.txt"), "code from the agent's folder\n");
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("command",
        List.of("sh", "-c", "pwd; cat flows/hello.txt; touch flows/written && echo writable")));

    Exit exit = run(infrastructure, TestContainers.run(runDir, "folder", null));

    assertThat(exit.succeeded()).as(output.toString()).isTrue();
    assertThat(output).containsExactly(CodeArchive.RUN_FOLDER, "code from the agent's folder", "writable");
  }

  @Test
  void codeInTheImageRunsWhereItIsWithOnlyTheLauncherCopiedIn() throws Exception {
    String image = "ferry-test/code-in-image:" + containers.testId;
    Path build = Files.createDirectories(runDir.resolveSibling(runDir.getFileName() + "-build"));
    Files.writeString(build.resolve("flow.py"), "print('code baked into the image')\n");
    Files.writeString(build.resolve("Dockerfile"), "FROM " + containers.baseImage + "\nCOPY flow.py /app/flow.py\n"
        + "USER nobody\n");
    containers.client().buildImageCmd(build.toFile()).withTags(Set.of(image)).withPull(false)
        .exec(new BuildImageResultCallback()).awaitImageId();
    try {
      Files.writeString(runDir.resolve("only-on-the-agent.txt"), "not for the container");
      Infrastructure infrastructure = containers.infrastructure(Map.of("image", image));
      RunContext run = TestContainers.run(runDir, "in-image", "/app", String.join("\n",
          "import os",
          "exec(open('flow.py').read())",
          "folder = '" + CodeArchive.RUN_FOLDER + "'",
          "print(os.getcwd(), sorted(os.listdir(folder)), sorted(os.listdir(folder + '/.ferry')))",
          "open(folder + '/written', 'w').write('by ' + str(os.getuid()))",
          "print('the run folder is writable')", ""));

      Exit exit = run(infrastructure, run);

      assertThat(exit.succeeded()).as(output.toString()).isTrue();
      assertThat(output).containsExactly("code baked into the image", "/app ['.ferry'] ['launcher.py']",
          "the run folder is writable");
    } finally {
      containers.removeAll();
      containers.client().removeImageCmd(image).withForce(true).exec();
    }
  }

  @Test
  void codeInTheImageRunByTheBlocksCommandHasNothingCopiedIn() throws Exception {
    Files.writeString(runDir.resolve("only-on-the-agent.txt"), "not for the container");
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("command",
        List.of("sh", "-c", "pwd; test -e " + CodeArchive.RUN_FOLDER + " && echo copied || echo nothing copied")));

    Exit exit = run(infrastructure, TestContainers.run(runDir, "in-image-command", "/etc"));

    assertThat(exit.succeeded()).as(output.toString()).isTrue();
    assertThat(output).containsExactly("/etc", "nothing copied");
  }

  @Test
  void anImageWithoutAShellRunsItsCommandWithItsTwoStreamsReadApart() throws Exception {
    String image = "ferry-test/no-shell:" + containers.testId;
    Path build = Files.createDirectories(runDir.resolveSibling(runDir.getFileName() + "-build"));
    Files.writeString(build.resolve("Dockerfile"), "FROM " + TestDocker.busyboxImage()
        + "\nRUN [\"rm\", \"/bin/sh\"]\n");
    containers.client().buildImageCmd(build.toFile()).withTags(Set.of(image)).withPull(false).withNetworkMode("host")
        .exec(new BuildImageResultCallback()).awaitImageId();
    try {
      Infrastructure infrastructure = containers.infrastructure(Map.of("image", image,
          "command", List.of("echo", "no shell needed")));

      Exit exit = run(infrastructure, TestContainers.run(runDir, "no-shell", null));

      assertThat(exit.succeeded()).as(output.toString()).isTrue();
      assertThat(output).containsExactly("[ferry] Image '" + image + "' has no /bin/sh to put the run's stderr into"
          + " its stdout: lines of the two may come out of order", "no shell needed");
    } finally {
      containers.removeAll();
      containers.client().removeImageCmd(image).withForce(true).exec();
    }
  }

  @Test
  void onNamedNetworksTheContainerJoinsAllAndReachesALocalApiThroughTheHostGateway() throws Exception {
    List<String> networks = List.of("ferry-test-a-" + containers.testId, "ferry-test-b-" + containers.testId);
    networks.forEach(network -> containers.client().createNetworkCmd().withName(network).exec());
    try {
      Infrastructure infrastructure = containers.shellInfrastructure(Map.of("network_mode", "", "networks", networks,
          "command", List.of("sh", "-c", "echo $PREFECT_API_URL; grep -c 'host.docker.internal' /etc/hosts")));
      Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(runDir, "networks", null)),
          output::add);
      Exit exit = launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertThat(exit.succeeded()).as(output.toString()).isTrue();
      assertThat(output).containsExactly("http://host.docker.internal:4200/api", "1");
      assertThat(containers.container(launched.infrastructurePid()).orElseThrow().getNetworkSettings().getNetworks())
          .containsOnlyKeys(networks);
    } finally {
      containers.removeAll();
      networks.forEach(network -> containers.client().removeNetworkCmd(network).exec());
    }
  }

  @Test
  void aRunKilledForMemoryIsCrashedNamingTheLimit() throws Exception {
    assumeMemoryLimits();
    for (boolean autoRemove : new boolean[] {false, true}) {
      Infrastructure infrastructure = containers.infrastructure(Map.of("mem_limit", "64m", "memswap_limit", "64m",
          "auto_remove", autoRemove, "command", List.of("python3", "-c", "x = bytearray(512 * 1024 * 1024)")));

      Exit exit = run(infrastructure, TestContainers.run(runDir, "hungry", null));

      assertThat(exit.crashed()).as("auto_remove %s: %s", autoRemove, exit).isTrue();
      assertThat(exit.description()).isEqualTo("was killed: out of memory (mem_limit 64m)");
    }
  }

  @Test
  void anImageMissingUnderNeverOrThatCannotBePulledIsAnErrorNamingItAndTheFix() throws Exception {
    RunContext run = TestContainers.run(runDir, "missing", null);
    Infrastructure never = containers.infrastructure(Map.of("image", "ferry-test/no-such-image:1",
        "image_pull_policy", "NEVER"));
    assertThatThrownBy(() -> never.launch(never.prepare(run), output::add))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("Image 'ferry-test/no-such-image:1' is not on the Docker engine")
        .hasMessageContaining("set image_pull_policy to IF_NOT_PRESENT");

    Infrastructure unpullable = containers.infrastructure(Map.of("image", "127.0.0.1:1/ferry-test/none:1"));
    assertThatThrownBy(() -> unpullable.launch(unpullable.prepare(run), output::add))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageStartingWith("Cannot pull image '127.0.0.1:1/ferry-test/none:1' (image_pull_policy"
            + " IF_NOT_PRESENT): ")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("check the image's name");
    assertThat(output).containsExactly("[ferry] Pulling image '127.0.0.1:1/ferry-test/none:1'...");
  }

  @Test
  void anAgentThatTakesARunOverGetsEveryLineOnceAndTheRealExitCode() throws Exception {
    Map<String, Object> fields = Map.of("command", List.of("sh", "-c", "echo one; echo two; until [ -e go ];"
        + " do sleep 0.05; done; echo three; until [ -e end ]; do sleep 0.05; done; echo four; exit 5"));
    Infrastructure first = containers.shellInfrastructure(fields);
    Launched launched = first.launch(first.prepare(TestContainers.run(runDir, "taken-over", null)), output::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("two"));
    long offset = launched.detach();
    String pid = launched.infrastructurePid();
    containers.touch(pid, CodeArchive.RUN_FOLDER + "/go");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> containers.logs(pid).contains("three"));

    List<String> taken = new CopyOnWriteArrayList<>();
    Launched reattached = containers.shellInfrastructure(fields).reattach(pid, runDir, Instant.now(), offset,
        taken::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> taken.contains("three"));
    containers.touch(pid, CodeArchive.RUN_FOLDER + "/end");
    Exit exit = reattached.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertThat(output).containsExactly("one", "two");
    assertThat(taken).containsExactly("three", "four");
    assertThat(exit.code()).isEqualTo(5);
    assertThat(launched.exit()).as("the first agent left the run").isNotDone();
  }

  @Test
  void aRunThatEndedWhileNoAgentFollowedItGivesItsLastLinesAndExitCode() throws Exception {
    Map<String, Object> fields = Map.of("command", List.of("sh", "-c",
        "echo one; until [ -e go ]; do sleep 0.05; done; echo two; printf 'no line end'; exit 3"));
    Infrastructure first = containers.shellInfrastructure(fields);
    Launched launched = first.launch(first.prepare(TestContainers.run(runDir, "ended-alone", null)), output::add);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("one"));
    long offset = launched.detach();
    containers.touch(launched.infrastructurePid(), CodeArchive.RUN_FOLDER + "/go");
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !containers.container(launched.infrastructurePid()).orElseThrow().getState().getRunning());

    List<String> taken = new CopyOnWriteArrayList<>();
    Exit exit = containers.shellInfrastructure(fields).reattach(launched.infrastructurePid(), runDir, Instant.now(),
        offset, taken::add).exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertThat(taken).containsExactly("two", "no line end");
    assertThat(exit.code()).isEqualTo(3);
  }

  @Test
  void autoRemoveLeavesNoContainerAndKnowsTheExitCode() throws Exception {
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("auto_remove", true,
        "command", List.of("sh", "-c", "echo bye; exit 4")));
    Launched launched = infrastructure.launch(infrastructure.prepare(TestContainers.run(runDir, "removed", null)),
        output::add);

    Exit exit = launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertThat(exit.code()).isEqualTo(4);
    assertThat(output).containsExactly("bye");
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> containers.container(launched.infrastructurePid()).isEmpty());
  }

  @Test
  void aLineLongerThanTheEnginesLogEntriesArrivesWhole() throws Exception {
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("command",
        List.of("sh", "-c", "printf '%40000s\\n' '' | tr ' ' x; echo after")));

    run(infrastructure, TestContainers.run(runDir, "long-line", null));

    assertThat(output).containsExactly("x".repeat(40000), "after");
  }

  @Test
  void finishedContainersAreRemovedOnceTheyAreKeptLongEnoughAndRunningOnesStay() throws Exception {
    Infrastructure infrastructure = containers.shellInfrastructure(Map.of("command", List.of("sh", "-c",
        "echo up; sleep 300")));
    Launched running = infrastructure.launch(infrastructure.prepare(TestContainers.run(runDir, "running", null)),
        output::add);
    Infrastructure done = containers.shellInfrastructure(Map.of("command", List.of("true")));
    Launched finished = done.launch(done.prepare(TestContainers.run(runDir, "finished", null)), line -> { });
    finished.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.contains("up"));

    new Retention(Duration.ZERO).removeExpired(containers.client());

    assertThat(containers.container(finished.infrastructurePid())).isEmpty();
    assertThat(containers.container(running.infrastructurePid())).isPresent();
  }

  @Test
  void doctorNamesAMissingNetworkAndAnImageThatCannotBePulled() {
    List<Check> checks = containers.infrastructure(Map.of("network_mode", "", "image", "127.0.0.1:1/ferry-test/none:1",
        "networks", List.of("ferry-test-no-such-network"))).checks();

    assertThat(checks).filteredOn(check -> check.subject().startsWith("docker engine"))
        .singleElement().satisfies(check -> assertThat(check.finding()).startsWith("Docker ").contains("(API 1."));
    assertThat(checks).filteredOn(check -> check.status() == Check.Status.FAILED).extracting(Check::subject)
        .containsExactly("docker image 127.0.0.1:1/ferry-test/none:1", "docker network ferry-test-no-such-network");
    assertThat(checks).filteredOn(check -> check.status() == Check.Status.FAILED)
        .allSatisfy(check -> assertThat(check.fix()).isNotBlank());
  }

  private Exit run(Infrastructure infrastructure, RunContext run) throws Exception {
    Launched launched = infrastructure.launch(infrastructure.prepare(run), output::add);
    return launched.exit().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private void assumeMemoryLimits() {
    Boolean limits = containers.client().infoCmd().exec().getMemoryLimit();
    Assumptions.assumeTrue(Boolean.TRUE.equals(limits), "This Docker engine cannot enforce memory limits (docker info"
        + " says MemoryLimit " + limits + "), so no run can be killed for memory here");
  }
}

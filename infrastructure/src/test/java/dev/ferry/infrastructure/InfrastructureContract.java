package dev.ferry.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.doctor.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every infrastructure promises. Each implementation's test extends this and builds the infrastructure. */
public abstract class InfrastructureContract {
  @TempDir protected Path workingDir;

  /** Infrastructure whose block runs {@code command} with {@code env} set. */
  protected abstract Infrastructure create(List<String> command, Map<String, String> env);

  /** Infrastructure whose block needs what this machine lacks: a program not installed, an image not there. */
  protected abstract Infrastructure createUnrunnable();

  private Exit run(Infrastructure infrastructure, Map<String, String> contextEnv, List<String> output) throws Exception {
    LaunchSpec spec = infrastructure.prepare(context(contextEnv));
    Launched launched = infrastructure.launch(spec, output::add);
    return launched.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A run whose default command is a launcher that prints "default command". */
  private RunContext context(Map<String, String> env) throws IOException {
    Path launcher = workingDir.resolve(".ferry/launcher.py");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "print('default command')\n");
    return new RunContext(UUID.randomUUID(), "test-run", "test-flow", "test-deployment", workingDir, env,
        List.of("python3", launcher.toString()), launcher, null);
  }

  @Test
  void everyLineTheRunPrintsReachesTheOutputBeforeItsExitIsReported() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Exit exit = run(create(List.of("sh", "-c", "for i in 1 2 3; do echo line $i; done; echo oops >&2"), Map.of()),
        Map.of(), output);
    assertThat(exit.succeeded()).isTrue();
    assertThat(output).containsExactly("line 1", "line 2", "line 3", "oops");
  }

  @Test
  void nonZeroExitIsReportedWithItsCode() throws Exception {
    Exit exit = run(create(List.of("sh", "-c", "exit 3"), Map.of()), Map.of(), new CopyOnWriteArrayList<>());
    assertThat(exit.code()).isEqualTo(3);
    assertThat(exit.description()).isEqualTo("exited with code 3");
  }

  @Test
  void emptyCommandRunsTheDefaultCommand() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = create(null, Map.of());
    assertThat(infrastructure.prepare(context(Map.of())).usesDefaultCommand()).isTrue();
    run(infrastructure, Map.of(), output);
    assertThat(output).containsExactly("default command");
  }

  @Test
  void blockEnvironmentGoesOnTopOfTheRunsEnvironment() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    run(create(List.of("sh", "-c", "echo $FROM_RUN $SHARED"), Map.of("SHARED", "block")),
        Map.of("FROM_RUN", "run", "SHARED", "run"), output);
    assertThat(output).containsExactly("run block");
  }

  @Test
  void killStopsTheRunAndWhatItStartedWithinTheGracePeriod() throws Exception {
    List<String> output = new CopyOnWriteArrayList<>();
    Infrastructure infrastructure = create(List.of("sh", "-c", "trap '' TERM; sleep 300 & echo started; wait"), Map.of());
    Launched launched = infrastructure.launch(infrastructure.prepare(context(Map.of())), output::add);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> output.contains("started"));

    long start = System.nanoTime();
    infrastructure.kill(launched.infrastructurePid(), Duration.ofMillis(500));
    Exit exit = launched.exit().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(exit.succeeded()).isFalse();
  }

  @Test
  void describeSaysWhatWouldRunWithoutStartingIt() throws Exception {
    Infrastructure infrastructure = create(List.of("sh", "-c", "echo described"), Map.of("FROM_BLOCK", "yes"));
    String description = infrastructure.describe(infrastructure.prepare(context(Map.of()))).toString();
    assertThat(description).contains("echo described").contains("FROM_BLOCK");
  }

  @Test
  void doctorFindsNothingMissingForInfrastructureThatRunsHere() {
    List<Check> checks = create(List.of("sh", "-c", "true"), Map.of()).checks();
    assertThat(checks).isNotEmpty().allSatisfy(check -> assertThat(check.status()).isEqualTo(Check.Status.OK));
  }

  @Test
  void doctorNamesWhatIsMissingAndHowToMendIt() {
    assertThat(createUnrunnable().checks()).anySatisfy(check -> {
      assertThat(check.status()).isEqualTo(Check.Status.FAILED);
      assertThat(check.fix()).isNotBlank();
    });
  }
}

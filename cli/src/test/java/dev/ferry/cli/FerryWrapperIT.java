package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.FerryProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ferry} script of a copy of this repository (it builds there, not in the build running
 * this test): commands started together build once, and no start waits for a class-data archive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FerryWrapperIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern VERSION = Pattern.compile("(?m)^ferry \\S+ \\(Prefect API ");
  private static final String BUILDING = "Building ferry";
  private static final String WAITING = "Waiting for another ./ferry to finish building";

  @TempDir static Path root;
  private static Path copy;
  private static FerryProcess ferry;

  @BeforeAll
  static void copyTheRepository() throws IOException {
    copy = root.resolve("ferry");
    List<Path> sources = new ArrayList<>(List.of(Path.of("pom.xml"), Path.of("ferry"), Path.of("deploy")));
    try (Stream<Path> poms = Files.walk(REPOSITORY, 3)) { // modules, and the plugins' modules inside plugins/
      poms.filter(pom -> pom.getFileName().toString().equals("pom.xml") && !pom.toString().contains("/target/"))
          .map(pom -> REPOSITORY.relativize(pom.getParent())).filter(module -> !module.toString().isEmpty())
          .forEach(module -> sources.addAll(Stream.of(module.resolve("pom.xml"), module.resolve("src"))
              .filter(source -> Files.exists(REPOSITORY.resolve(source))).toList()));
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(REPOSITORY.resolve(source))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path to = copy.resolve(REPOSITORY.relativize(file));
          Files.createDirectories(to.getParent());
          Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    // the copy builds from the local repository alone, which the build running this test filled
    Files.createDirectories(copy.resolve(".mvn"));
    Files.writeString(copy.resolve(".mvn/maven.config"), "--offline\n");
    ferry = new FerryProcess(copy.resolve("ferry"), copy, root.resolve("home"));
  }

  @Test
  @Order(1)
  void commandsStartedTogetherBuildOnceAndUseThatBuild() throws Exception {
    List<Result> first = together("version", "version", "version");

    assertThat(first).allSatisfy(result -> {
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).containsPattern(VERSION);
    });
    assertBuiltOnce(first);

    Path source = copy.resolve("config/src/main/java/dev/ferry/json/Json.java");
    Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
    List<Result> second = together("version", "block type ls");

    assertThat(second).allSatisfy(result -> assertThat(result.exitCode()).as(result.err()).isZero());
    assertThat(second.get(0).out()).containsPattern(VERSION);
    assertThat(second.get(1).out()).contains("local-file-system");
    assertBuiltOnce(second);
  }

  @Test
  @Order(2)
  void anAgentStartsWithoutWaitingForItsClassDataArchiveWhichTheNextStartUses() throws Exception {
    Path archive = copy.resolve("cli/target/agent.jsa");
    Result first = ferry.run("agent", "start", "-q", "wrapper-test", "--run-once");
    boolean archivedBeforeTheAgentExited = Files.exists(archive);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).containsOnlyOnce("Making the agent's class-data archive in the background "
        + "(log: cli/target/agent-archive.log); later starts will be faster");
    assertThat(archivedBeforeTheAgentExited).as("the agent did not wait for its archive").isFalse();
    archiveMakersEnd();
    assertThat(archive).as(Files.readString(copy.resolve("cli/target/agent-archive.log"))).exists();

    Result second = ferry.run("agent", "start", "-q", "wrapper-test", "--run-once");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("class-data archive");
  }

  /** Starts each command (its words separated by spaces) at once, then waits for them all. */
  private static List<Result> together(String... commands) throws IOException, InterruptedException {
    List<Process> started = new ArrayList<>();
    for (String command : commands) {
      started.add(ferry.start(command.split(" ")));
    }
    List<Result> results = new ArrayList<>();
    for (Process process : started) {
      results.add(ferry.finish(process));
    }
    return results;
  }

  private static void assertBuiltOnce(List<Result> results) {
    assertThat(results).filteredOn(result -> result.err().contains(BUILDING)).singleElement()
        .satisfies(builder -> assertThat(builder.err()).doesNotContain(WAITING));
    assertThat(results).filteredOn(result -> result.err().contains(WAITING)).hasSize(results.size() - 1)
        .allSatisfy(waiter -> assertThat(waiter.err()).doesNotContain(BUILDING));
  }

  /** Waits for the class-data archives being made in the background; stops a maker stuck for 3 minutes. */
  @AfterEach
  void archiveMakersEnd() throws IOException {
    for (ProcessHandle maker : FerryProcess.archiveMakers(copy)) {
      try {
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> !maker.isAlive());
      } catch (ConditionTimeoutException e) { // it is this test's: no one else runs the copy's scripts
        maker.descendants().forEach(ProcessHandle::destroy);
        maker.destroy();
        throw e;
      }
    }
  }
}

package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's browser tests in {@code src/test/browser}: node:test files that drive headless Chromium
 * through Playwright. Their packages are installed with {@code npm ci} when node_modules is missing or
 * older than package-lock.json; each file runs with the values it needs in its environment, its
 * screenshots going to {@code target/screenshots} and its report to {@code target/browser-tests}.
 */
final class BrowserTests {
  private static final Path TESTS = Path.of("src/test/browser").toAbsolutePath();
  private static final Path REPORTS = Path.of("target/browser-tests").toAbsolutePath();
  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TEST_FILE_TIMEOUT = Duration.ofMinutes(5);

  private final Path chromium;

  BrowserTests(Path chromium) {
    this.chromium = chromium;
  }

  /** Installs the tests' packages unless the ones installed are as new as package-lock.json. */
  void install() throws IOException, InterruptedException {
    Path installed = TESTS.resolve("node_modules/.package-lock.json"); // npm writes it at each install
    if (Files.exists(installed) && Files.getLastModifiedTime(installed)
        .compareTo(Files.getLastModifiedTime(TESTS.resolve("package-lock.json"))) >= 0) {
      return;
    }
    Run npm = run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_CI_TIMEOUT);
    assertThat(npm.exitCode()).as("npm ci in %s:%n%s", TESTS, npm.output()).isZero();
  }

  /** Runs one test file against a dashboard, with {@code values} in its environment; node's report if it fails. */
  void pass(String file, Map<String, String> values) throws IOException, InterruptedException {
    Run node = run(file, List.of("node", "--test", "--test-reporter=spec", file), values, TEST_FILE_TIMEOUT);
    assertThat(node.exitCode()).as("%s in headless Chromium:%n%s", file, node.output()).isZero();
  }

  /** What a command printed (stdout and stderr together) and how it exited. */
  private record Run(int exitCode, String output) {}

  private Run run(String name, List<String> command, Map<String, String> values, Duration timeout)
      throws IOException, InterruptedException {
    Path report = Files.createDirectories(REPORTS).resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile())
        .redirectErrorStream(true).redirectOutput(report.toFile());
    builder.environment().put("CHROMIUM", chromium.toString());
    builder.environment().put("FERRY_SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString());
    builder.environment().putAll(values);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      return new Run(-1, Files.readString(report) + "\n" + String.join(" ", command) + " did not end in " + timeout);
    }
    return new Run(process.exitValue(), Files.readString(report));
  }
}

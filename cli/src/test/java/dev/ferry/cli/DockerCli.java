package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI on the tests' engine ({@code DOCKER_HOST}), as a user would run it to look at ferry's containers. */
final class DockerCli {
  private DockerCli() {}

  /** Runs {@code docker ARGS}; what it printed, or a failure that shows it (a non-zero exit, or no end in time). */
  static String docker(int timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("ferry-docker-cli-", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (!ended) {
        process.destroyForcibly();
        throw new AssertionError("docker " + String.join(" ", args) + " did not end in " + timeoutSeconds + " s:\n"
            + printed);
      }
      assertThat(process.exitValue()).as("docker " + String.join(" ", args) + "\n" + printed).isZero();
      return printed;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}

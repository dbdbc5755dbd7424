package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The CLI builds only the noun a command line names, yet help and mistakes read as with the whole tree. */
class CommandTreeTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final CliEnvironment environment = new CliEnvironment(Map.of("FERRY_HOME", "unused"), Path.of("."),
      new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Test
  void helpListsEveryNoun() {
    assertThat(Main.run(environment, "--help")).isZero();

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("quickstart", "deployment", "flow-run", "work-queue",
        "block", "agent", "server", "config", "profile", "kubernetes", "version");
  }

  @Test
  void aNamedNounComesAloneAndStillTakesTheRootOptions() {
    assertThat(FerryCommand.nounsFor("--verbose", "agent", "start", "-q", "deployment"))
        .containsExactly(dev.ferry.cli.commands.agent.AgentCommand.class);
    assertThat(Main.run(environment, "--verbose", "version")).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("ferry ");
  }

  @Test
  void eachNounIsKnownByTheNameItsCommandGives() {
    FerryCommand.NOUNS.forEach(noun -> assertThat(noun.command().getAnnotation(Command.class).name())
        .as(noun.command().getSimpleName()).isEqualTo(noun.name()));
  }

  @Test
  void anUnknownWordIsAnErrorThatSuggestsTheNearestNoun() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(environment, "deploymnet", "ls")).isEqualTo(2);
    } finally {
      System.setErr(stderr);
    }
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Unmatched argument", "deploymnet", "deployment");
  }
}

package dev.ferry.cli;

import dev.ferry.cli.commands.DoctorCommand;
import dev.ferry.cli.commands.QuickstartCommand;
import dev.ferry.cli.commands.VersionCommand;
import dev.ferry.cli.commands.agent.AgentCommand;
import dev.ferry.cli.commands.block.BlockCommand;
import dev.ferry.cli.commands.config.ConfigCommand;
import dev.ferry.cli.commands.deployment.DeploymentCommand;
import dev.ferry.cli.commands.flowrun.FlowRunCommand;
import dev.ferry.cli.commands.kubernetes.KubernetesCommand;
import dev.ferry.cli.commands.profile.ProfileCommand;
import dev.ferry.cli.commands.server.ServerCommand;
import dev.ferry.cli.commands.storage.StorageCommand;
import dev.ferry.cli.commands.workqueue.WorkQueueCommand;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code ferry}: lists the nouns. They are added to the command line by {@link Main}, only the one
 * a command line names when it names one: picocli reads every option of every command it is given,
 * which an agent or a short command should not wait for.
 */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
    description = "Declarative dataflow deployments in the style of Prefect 2, on the JVM.")
public final class FerryCommand {
  /**
   * The nouns by the names their {@code @Command} gives (a test keeps the two alike): looking a
   * word up here reads no annotation, which would load every verb class a noun lists.
   */
  static final List<Noun> NOUNS = List.of(new Noun("quickstart", QuickstartCommand.class),
      new Noun("deployment", DeploymentCommand.class), new Noun("flow-run", FlowRunCommand.class),
      new Noun("work-queue", WorkQueueCommand.class), new Noun("block", BlockCommand.class),
      new Noun("storage", StorageCommand.class),
      new Noun("agent", AgentCommand.class), new Noun("server", ServerCommand.class),
      new Noun("config", ConfigCommand.class), new Noun("profile", ProfileCommand.class),
      new Noun("kubernetes", KubernetesCommand.class), new Noun("doctor", DoctorCommand.class),
      new Noun("version", VersionCommand.class));

  /** A noun of the command line and the class of its command. */
  record Noun(String name, Class<?> command) {}

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;

  /** The nouns a command line needs: the one its first word names, or all of them (for help and for an unknown word). */
  static List<Class<?>> nounsFor(String... args) {
    String word = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse(null);
    List<Class<?>> named =
        NOUNS.stream().filter(noun -> noun.name().equals(word)).<Class<?>>map(Noun::command).toList();
    return named.isEmpty() ? NOUNS.stream().<Class<?>>map(Noun::command).toList() : named;
  }
}

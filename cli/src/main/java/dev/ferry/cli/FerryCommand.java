package dev.ferry.cli;

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
  static final List<Class<?>> NOUNS = List.of(QuickstartCommand.class, DeploymentCommand.class, FlowRunCommand.class,
      WorkQueueCommand.class, BlockCommand.class, AgentCommand.class, ServerCommand.class, ConfigCommand.class,
      ProfileCommand.class, KubernetesCommand.class, VersionCommand.class);

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;

  /** The nouns a command line needs: the one its first word names, or all of them (for help and for an unknown word). */
  static List<Class<?>> nounsFor(String... args) {
    String word = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse(null);
    return NOUNS.stream().filter(noun -> noun.getAnnotation(Command.class).name().equals(word)).findFirst()
        .map(List::<Class<?>>of).orElse(NOUNS);
  }
}

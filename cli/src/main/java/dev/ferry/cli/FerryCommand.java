package dev.ferry.cli;

import dev.ferry.cli.commands.QuickstartCommand;
import dev.ferry.cli.commands.VersionCommand;
import dev.ferry.cli.commands.agent.AgentCommand;
import dev.ferry.cli.commands.config.ConfigCommand;
import dev.ferry.cli.commands.kubernetes.KubernetesCommand;
import dev.ferry.cli.commands.profile.ProfileCommand;
import dev.ferry.cli.commands.block.BlockCommand;
import dev.ferry.cli.commands.deployment.DeploymentCommand;
import dev.ferry.cli.commands.flowrun.FlowRunCommand;
import dev.ferry.cli.commands.server.ServerCommand;
import dev.ferry.cli.commands.workqueue.WorkQueueCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ferry}: lists the nouns. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
    description = "Declarative dataflow deployments in the style of Prefect 2, on the JVM.",
    subcommands = {QuickstartCommand.class, DeploymentCommand.class, FlowRunCommand.class, WorkQueueCommand.class, BlockCommand.class,
        AgentCommand.class, ServerCommand.class, ConfigCommand.class, ProfileCommand.class, KubernetesCommand.class, VersionCommand.class})
public final class FerryCommand {
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;
}

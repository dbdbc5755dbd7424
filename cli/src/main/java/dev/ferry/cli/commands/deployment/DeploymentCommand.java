package dev.ferry.cli.commands.deployment;

import picocli.CommandLine.Command;

/** {@code ferry deployment}: lists its verbs. */
@Command(name = "deployment", description = "Build, apply, run and list deployments.",
    subcommands = {DeploymentBuildCommand.class, DeploymentApplyCommand.class, DeploymentRunCommand.class,
        DeploymentLsCommand.class, DeploymentInspectCommand.class, DeploymentSetScheduleCommand.class,
        DeploymentScheduleSwitch.Pause.class, DeploymentScheduleSwitch.Resume.class, DeploymentDeleteCommand.class})
public final class DeploymentCommand {}

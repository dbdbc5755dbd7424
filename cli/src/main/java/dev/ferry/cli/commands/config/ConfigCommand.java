package dev.ferry.cli.commands.config;

import picocli.CommandLine.Command;

/** {@code ferry config}: the settings of the current profile. */
@Command(name = "config", description = "View and change the settings of the current profile.",
    subcommands = {ConfigSetCommand.class, ConfigUnsetCommand.class, ConfigViewCommand.class})
public final class ConfigCommand {}

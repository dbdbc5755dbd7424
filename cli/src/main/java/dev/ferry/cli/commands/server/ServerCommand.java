package dev.ferry.cli.commands.server;

import picocli.CommandLine.Command;

/** {@code ferry server}: lists its verbs. */
@Command(name = "server", description = "Run the orchestration API.", subcommands = ServerStartCommand.class)
public final class ServerCommand {}

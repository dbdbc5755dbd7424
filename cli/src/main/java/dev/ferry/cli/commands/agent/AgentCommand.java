package dev.ferry.cli.commands.agent;

import picocli.CommandLine.Command;

/** {@code ferry agent}: lists its verbs. */
@Command(name = "agent", description = "Run an agent that launches flow runs from work queues.",
    subcommands = AgentStartCommand.class)
public final class AgentCommand {}

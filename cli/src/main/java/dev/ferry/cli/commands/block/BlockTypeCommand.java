package dev.ferry.cli.commands.block;

import picocli.CommandLine.Command;

/** {@code ferry block type}: lists its verbs. */
@Command(name = "type", description = "Block types.", subcommands = BlockTypeLsCommand.class)
public final class BlockTypeCommand {}

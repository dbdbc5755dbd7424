package dev.ferry.cli.commands.block;

import picocli.CommandLine.Command;

/** {@code ferry block}: lists its verbs. */
@Command(name = "block", description = "Create, list and inspect saved blocks (infrastructure, storage).",
    subcommands = {BlockCreateCommand.class, BlockLsCommand.class, BlockInspectCommand.class})
public final class BlockCommand {}

package dev.ferry.cli.commands.block;

import picocli.CommandLine.Command;

/** {@code ferry block}: lists its verbs. */
@Command(name = "block", description = "Create, list, inspect and delete saved blocks (infrastructure, storage, secrets).",
    subcommands = {BlockCreateCommand.class, BlockLsCommand.class, BlockInspectCommand.class, BlockDeleteCommand.class,
        BlockTypeCommand.class})
public final class BlockCommand {}

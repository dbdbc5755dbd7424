package dev.ferry.cli.commands.storage;

import picocli.CommandLine.Command;

/** {@code ferry storage}: lists its verbs. */
@Command(name = "storage", description = "Upload code to a storage block, or download a deployment's code.",
    subcommands = {StoragePushCommand.class, StoragePullCommand.class})
public final class StorageCommand {}

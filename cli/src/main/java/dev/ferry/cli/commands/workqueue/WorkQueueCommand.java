package dev.ferry.cli.commands.workqueue;

import picocli.CommandLine.Command;

/** {@code ferry work-queue}: lists its verbs. */
@Command(name = "work-queue", description = "Create, inspect, pause, limit and delete work queues.",
    subcommands = {WorkQueueCreateCommand.class, WorkQueueLsCommand.class, WorkQueueInspectCommand.class,
        WorkQueuePauseSwitch.Pause.class, WorkQueuePauseSwitch.Resume.class, WorkQueueLimitCommand.Set.class,
        WorkQueueLimitCommand.Clear.class, WorkQueuePreviewCommand.class, WorkQueueDeleteCommand.class})
public final class WorkQueueCommand {}

package dev.ferry.cli.commands.flowrun;

import picocli.CommandLine.Command;

/** {@code ferry flow-run}: lists its verbs. */
@Command(name = "flow-run", description = "List and inspect flow runs and read their logs.",
    subcommands = {FlowRunLsCommand.class, FlowRunInspectCommand.class, FlowRunLogsCommand.class})
public final class FlowRunCommand {}

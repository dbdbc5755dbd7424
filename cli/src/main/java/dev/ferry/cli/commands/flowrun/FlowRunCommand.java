package dev.ferry.cli.commands.flowrun;

import picocli.CommandLine.Command;

/** {@code ferry flow-run}: lists its verbs. */
@Command(name = "flow-run", description = "List, inspect, cancel and delete flow runs and read their logs.",
    subcommands = {FlowRunLsCommand.class, FlowRunInspectCommand.class, FlowRunLogsCommand.class,
        FlowRunCancelCommand.class, FlowRunDeleteCommand.class, FlowRunExplainCommand.class})
public final class FlowRunCommand {}

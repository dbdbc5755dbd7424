package dev.ferry.cli;

import dev.ferry.error.FerryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The CLI's one exception boundary: a one-line message for the user; the stack trace only with --verbose. */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || cli.getCommandSpec().root().commandLine().getParseResult().hasMatchedOption("--verbose");
    String message = e instanceof FerryException ? e.getMessage() : e.toString();
    cli.getErr().println("Error: " + message);
    if (verbose) {
      e.printStackTrace(cli.getErr());
    } else if (!(e instanceof FerryException)) {
      cli.getErr().println("(run again with --verbose for the stack trace)");
    }
    return 1;
  }
}

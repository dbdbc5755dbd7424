package dev.ferry.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/** The ferry command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliEnvironment environment = new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(), System.out);
    System.exit(run(environment, args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(CliEnvironment environment, String... args) {
    CommandLine cli = new CommandLine(new FerryCommand(), new CommandFactory(environment));
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(new SettingDefaults(environment.sources()));
    cli.setOut(new java.io.PrintWriter(environment.out(), true));
    return cli.execute(args);
  }
}

package dev.ferry.cli.commands;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.server.api.ApiRouter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code ferry version}: ferry's version and the Prefect API level it speaks. */
@Command(name = "version", description = "Print ferry's version.")
public final class VersionCommand implements Callable<Integer>, IVersionProvider {
  private final CliEnvironment environment;

  public VersionCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public VersionCommand() {
    this(null);
  }

  @Override
  public Integer call() {
    environment.out().println(getVersion()[0]);
    return 0;
  }

  @Override
  public String[] getVersion() {
    String version = VersionCommand.class.getPackage().getImplementationVersion();
    return new String[] {"ferry " + (version == null ? "development build" : version) + " (Prefect API "
        + ApiRouter.API_VERSION + ", Java " + Runtime.version().feature() + ")"};
  }
}

package dev.ferry.cli.commands.profile;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.settings.SettingSources;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ferry profile ls}: the profiles, the one in use marked with {@code *}. */
@Command(name = "ls", description = "List the profiles; * marks the one in use.")
public final class ProfileLsCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  public ProfileLsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    SettingSources sources = environment.sources();
    String current = sources.profileName();
    for (String name : sources.profiles().names()) {
      environment.out().println((name.equals(current) ? "* " : "  ") + name);
    }
    return 0;
  }
}

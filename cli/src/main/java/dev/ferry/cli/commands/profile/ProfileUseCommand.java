package dev.ferry.cli.commands.profile;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ProfileChange;
import dev.ferry.settings.Profiles;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry profile use NAME}: makes a profile the active one. */
@Command(name = "use", description = "Make a profile the active one.")
public final class ProfileUseCommand extends ProfileChange {
  @Parameters(paramLabel = "NAME")
  String name;

  public ProfileUseCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected List<String> change(Profiles profiles, String current) {
    profiles.use(name);
    return List.of("Profile '" + name + "' is now active.");
  }
}

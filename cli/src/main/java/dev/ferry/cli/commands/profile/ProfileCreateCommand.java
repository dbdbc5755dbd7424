package dev.ferry.cli.commands.profile;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ProfileChange;
import dev.ferry.settings.Profiles;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry profile create NAME}: a new, empty profile. */
@Command(name = "create", description = "Create an empty profile.")
public final class ProfileCreateCommand extends ProfileChange {
  @Parameters(paramLabel = "NAME")
  String name;

  public ProfileCreateCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected List<String> change(Profiles profiles, String current) {
    profiles.create(name);
    return List.of("Created profile '" + name + "'. Switch to it with: ferry profile use " + name);
  }
}

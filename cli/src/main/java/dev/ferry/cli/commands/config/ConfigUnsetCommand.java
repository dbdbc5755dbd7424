package dev.ferry.cli.commands.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ProfileChange;
import dev.ferry.settings.Profiles;
import dev.ferry.settings.SettingSources;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry config unset KEY...}: removes settings from the current profile. */
@Command(name = "unset", description = "Remove settings from the current profile.")
public final class ConfigUnsetCommand extends ProfileChange {
  @Parameters(arity = "1..*", paramLabel = "KEY", description = "A setting, e.g. PREFECT_API_URL.")
  List<String> keys;

  public ConfigUnsetCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected List<String> change(Profiles profiles, String current) {
    keys.forEach(SettingSources::checkKnown);
    return keys.stream().map(key -> (profiles.unset(current, key) ? "Unset " : "Was not set: ") + key
        + " in profile '" + current + "'.").toList();
  }
}

package dev.ferry.cli.commands.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ProfileChange;
import dev.ferry.error.InvalidInputException;
import dev.ferry.settings.Profiles;
import dev.ferry.settings.SettingSources;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry config set KEY=VALUE...}: stores settings in the current profile. */
@Command(name = "set", description = "Set KEY=VALUE settings in the current profile.")
public final class ConfigSetCommand extends ProfileChange {
  @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "A setting and its value, e.g. FERRY_AGENT_LIMIT=4.")
  List<String> assignments;

  public ConfigSetCommand(CliEnvironment environment) {
    super(environment);
  }

  @Override
  protected List<String> change(Profiles profiles, String current) {
    List<String> said = new ArrayList<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw new InvalidInputException("'" + assignment + "' is not KEY=VALUE; use e.g. FERRY_AGENT_LIMIT=4");
      }
      String key = assignment.substring(0, equals);
      SettingSources.checkKnown(key);
      profiles.set(current, key, assignment.substring(equals + 1));
      said.add("Set " + key + " in profile '" + current + "'.");
    }
    return said;
  }
}

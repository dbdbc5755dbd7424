package dev.ferry.cli.commands.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.settings.FerrySettings;
import dev.ferry.settings.SettingSources;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ferry config view}: the settings in effect and where each comes from; the API key is hidden. */
@Command(name = "view", description = "Show the settings in effect and where each comes from.")
public final class ConfigViewCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  public ConfigViewCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    SettingSources sources = environment.sources();
    String profile = sources.profileName();
    Map<String, String> saved = sources.profiles().values(profile);
    environment.out().println("PROFILE='" + profile + "' (" + sources.home().resolve("profiles.toml") + ")");
    for (String key : SettingSources.KNOWN.keySet()) {
      String value = sources.get(key);
      if (value != null) {
        String shown = key.equals(FerrySettings.API_KEY) ? "********" : value;
        String origin = value.equals(saved.get(key)) && !environment.env().containsKey(key) ? "profile" : "env";
        environment.out().println(key + "='" + shown + "' (from " + origin + ")");
      }
    }
    return 0;
  }
}

package dev.ferry.cli;

import dev.ferry.settings.SettingSources;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Gives an option that names a setting in its {@code descriptionKey} (e.g. {@code FERRY_AGENT_LIMIT})
 * the setting's value from the environment or the profile when the command line has none.
 */
final class SettingDefaults implements IDefaultValueProvider {
  private final SettingSources sources;

  SettingDefaults(SettingSources sources) {
    this.sources = sources;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    String key = arg.descriptionKey();
    return key == null || key.isEmpty() ? null : sources.get(key);
  }
}

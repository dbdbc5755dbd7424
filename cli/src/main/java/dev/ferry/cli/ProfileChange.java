package dev.ferry.cli;

import dev.ferry.settings.Profiles;
import dev.ferry.settings.SettingSources;
import java.util.List;
import java.util.concurrent.Callable;

/** A command that changes {@code profiles.toml}: makes its change, saves it, and prints what it did. */
public abstract class ProfileChange implements Callable<Integer> {
  protected final CliEnvironment environment;

  protected ProfileChange(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Changes the profiles; {@code current} is the profile settings come from. The lines to print. */
  protected abstract List<String> change(Profiles profiles, String current);

  @Override
  public Integer call() {
    SettingSources sources = environment.sources();
    Profiles profiles = sources.profiles();
    List<String> said = change(profiles, sources.profileName());
    profiles.save();
    said.forEach(environment.out()::println);
    return 0;
  }
}

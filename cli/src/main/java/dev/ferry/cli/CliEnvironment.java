package dev.ferry.cli;

import dev.ferry.settings.FerrySettings;
import dev.ferry.settings.SettingSources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI reads from the world: the environment variables, the current directory, where to
 * print, and the settings sources built on the environment (the profile file is read once, when
 * first needed). Only {@link Main} builds it from the real process; tests build their own.
 */
public record CliEnvironment(Map<String, String> env, Path workingDir, PrintStream out, SettingSources sources) {
  public CliEnvironment(Map<String, String> env, Path workingDir, PrintStream out) {
    this(env, workingDir, out, new SettingSources(env));
  }

  /** Whether a person watches the output: it goes to a terminal, where a progress bar may be drawn. */
  public boolean terminal() {
    return out == System.out && System.console() != null;
  }

  /** The settings for a command, with its {@code --api} flag (null when not given). */
  public FerrySettings settings(String apiFlag) {
    return FerrySettings.load(sources, apiFlag);
  }
}

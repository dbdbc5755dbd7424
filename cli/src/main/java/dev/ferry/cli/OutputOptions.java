package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --output table|json}: tables for people, JSON for scripts. */
public final class OutputOptions {
  /** How a listing is printed. */
  public enum Format { TABLE, JSON }

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default) or json")
  Format format;

  public Format format() {
    return format;
  }
}

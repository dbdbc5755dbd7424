package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --output table|json}: tables for people, JSON for scripts. */
public final class OutputOptions {
  /** How a listing is printed. */
  public enum Format { TABLE, JSON }

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default) or json", converter = FormatConverter.class)
  Format format;

  public Format format() {
    return format;
  }

  /** Reads table/json in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }
}

package dev.ferry.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code bench/soak} was asked for: the ferry checkout it runs, how many runs, how many server outages of
 * how long, and the folder its samples, chart and logs go to.
 */
record SoakOptions(Path root, int runs, int outages, Duration outage, Path output) {
  static final int DEFAULT_RUNS = 20_000;
  static final int DEFAULT_OUTAGE_SECONDS = 60;
  static final String USAGE = "bench/soak [--runs N] [--outages N] [--outage-seconds S] [--output DIR]";

  /** {@code ROOT} and the options of {@link #USAGE}; a mistake is an {@link IllegalArgumentException} saying it. */
  static SoakOptions parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no ferry checkout given: run " + USAGE);
    }
    Path root = Path.of(args[0]).toAbsolutePath();
    int runs = DEFAULT_RUNS;
    int outages = 0;
    int outageSeconds = DEFAULT_OUTAGE_SECONDS;
    Path output = root.resolve("bench/target/soak");
    for (int i = 1; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value: " + USAGE);
      }
      String value = args[i + 1];
      switch (option) {
        case "--runs" -> runs = atLeast(option, value, 1);
        case "--outages" -> outages = atLeast(option, value, 0);
        case "--outage-seconds" -> outageSeconds = atLeast(option, value, 1);
        case "--output" -> output = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + option + ": " + USAGE);
      }
    }
    return new SoakOptions(root, runs, outages, Duration.ofSeconds(outageSeconds), output);
  }

  private static int atLeast(String option, String value, int least) {
    try {
      int number = Integer.parseInt(value);
      if (number >= least) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new IllegalArgumentException(option + " " + value + " is not a whole number of " + least + " or more");
  }
}

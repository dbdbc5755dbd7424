package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.data.statistics.Regression;

/**
 * The samples of a soak for a person: the table (printed, and in {@code samples.txt}), the CSV
 * ({@code samples.csv}), and each measure's slope per 1,000 runs over the samples from the first 1,000 runs ended
 * on (a fifth of the runs in a shorter soak), with its targets beside it, and how far RSS strayed from its value then.
 */
final class SoakReport {
  private static final double RSS_BAND_MIB = 5;

  /** A sampled measure, how to read it off a sample, and its target. */
  private record Measure(String name, ToDoubleFunction<Sample> value, String target) {}

  private static final List<Measure> MEASURES = List.of(
      new Measure("RSS MiB", Sample::rssMiB, "within " + RSS_BAND_MIB + " MiB, below"),
      new Measure("heap after GC MiB", Sample::heapMiB, "-"),
      new Measure("threads", Sample::threads, "flat"),
      new Measure("open fds", Sample::fds, "flat"),
      new Measure("event-loop delay max ms", Sample::loopDelayMs, "-"),
      new Measure("outbox (log lines + final states)", Sample::outbox, "-"));

  private final List<Sample> samples;
  private final long baseline;

  SoakReport(List<Sample> samples, int runs) {
    this.samples = List.copyOf(samples);
    this.baseline = Math.min(1_000, runs / 5);
  }

  /** Prints the table and writes it and the CSV into {@code output}. */
  void writeSamples(Path output) throws IOException {
    List<String> table = new ArrayList<>(List.of(Sample.TABLE_HEADER));
    samples.forEach(sample -> table.add(sample.row()));
    List<String> csv = new ArrayList<>(List.of(Sample.CSV_HEADER));
    samples.forEach(sample -> csv.add(sample.csv()));
    table.forEach(System.out::println);
    Files.write(output.resolve("samples.txt"), table);
    Files.write(output.resolve("samples.csv"), csv);
  }

  /** Prints each measure's slope per 1,000 runs and range after the baseline, and RSS's largest distance. */
  void printTrends() {
    List<Sample> after = samples.stream().filter(sample -> sample.runsEnded() >= baseline).toList();
    System.out.printf("%ntrends over the %d samples from %,d runs ended on%n", after.size(), baseline);
    System.out.printf("%-36s %18s %21s   %s%n", "measure", "slope / 1,000 runs", "range", "target");
    for (Measure measure : MEASURES) {
      double[] values = after.stream().mapToDouble(measure.value()).toArray();
      String range = values.length == 0 ? "-" : String.format("%.1f .. %.1f",
          Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
      System.out.printf("%-36s %18s %21s   %s%n", measure.name(), slope(after, measure.value()), range,
          measure.target());
    }
    if (after.isEmpty()) {
      System.out.println("RSS: no sample after " + baseline + " runs ended");
      return;
    }
    double start = after.get(0).rssMiB();
    double distance = after.stream().mapToDouble(sample -> Math.abs(sample.rssMiB() - start)).max().orElse(0);
    System.out.printf("RSS at %,d runs ended %.1f MiB; largest distance from it after: %.1f MiB"
        + "   target: within %.0f MiB: %s%n", after.get(0).runsEnded(), start, distance, RSS_BAND_MIB,
        distance <= RSS_BAND_MIB ? "met" : "MISSED");
  }

  /** The least-squares slope of a measure against thousands of runs ended, signed, or n/a with too few samples. */
  private static String slope(List<Sample> samples, ToDoubleFunction<Sample> value) {
    double[][] points = samples.stream()
        .map(sample -> new double[] {sample.runsEnded() / 1000.0, value.applyAsDouble(sample)})
        .toArray(double[][]::new);
    if (points.length < 2 || samples.get(0).runsEnded() == samples.get(samples.size() - 1).runsEnded()) {
      return "n/a";
    }
    return String.format("%+.3f", Regression.getOLSRegression(points)[1]);
  }
}

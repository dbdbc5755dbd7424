package dev.ferry.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The soak's samples drawn against runs ended, into a PNG: the agent's RSS, heap after GC, threads and open files
 * on the upper panel; its event-loop delay and outbox on the lower one, each on its own axis; a line where each
 * server outage began. Drawn headless.
 */
final class SoakChart {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 900;
  /** Colours told apart on white, for the series in the order they are drawn. */
  private static final List<Color> COLOURS = List.of(new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
      new Color(0xFF7F0E), new Color(0x9467BD));

  private SoakChart() {}

  static void write(Path png, String title, List<Sample> samples, List<Long> outagesAt) throws IOException {
    NumberAxis runs = new NumberAxis("runs ended");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(runs);
    plot.add(panel(new NumberAxis("MiB / count"), 0, series(samples, "RSS MiB", Sample::rssMiB),
        series(samples, "heap after GC MiB", Sample::heapMiB), series(samples, "threads", Sample::threads),
        series(samples, "open fds", Sample::fds)), 2);
    XYPlot lower = panel(new NumberAxis("event-loop delay max ms"), 4,
        series(samples, "event-loop delay max ms", Sample::loopDelayMs));
    lower.setDataset(1, new XYSeriesCollection(series(samples, "outbox (log lines + final states)", Sample::outbox)));
    lower.setRangeAxis(1, new NumberAxis("outbox"));
    lower.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer outbox = new XYLineAndShapeRenderer(true, false);
    outbox.setSeriesPaint(0, Color.DARK_GRAY);
    outbox.setSeriesStroke(0, new BasicStroke(2f));
    lower.setRenderer(1, outbox);
    plot.add(lower, 1);
    for (XYPlot panel : List.of((XYPlot) plot.getSubplots().get(0), lower)) {
      outagesAt.forEach(at -> {
        ValueMarker outage = new ValueMarker(at, Color.RED, new BasicStroke(1f));
        outage.setLabel("outage");
        panel.addDomainMarker(outage);
      });
    }
    ChartUtils.saveChartAsPNG(png.toFile(), new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true),
        WIDTH, HEIGHT);
  }

  /** A panel of {@code series} on {@code axis}, coloured from {@code COLOURS[firstColour]} on. */
  private static XYPlot panel(NumberAxis axis, int firstColour, XYSeries... series) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.length; i++) {
      data.addSeries(series[i]);
      lines.setSeriesPaint(i, COLOURS.get(firstColour + i));
      lines.setSeriesStroke(i, new BasicStroke(2f));
    }
    axis.setAutoRangeIncludesZero(true);
    XYPlot panel = new XYPlot(data, null, axis, lines);
    panel.setBackgroundPaint(Color.WHITE);
    panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
    panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return panel;
  }

  private static XYSeries series(List<Sample> samples, String name, ToDoubleFunction<Sample> value) {
    XYSeries series = new XYSeries(name, false);
    samples.forEach(sample -> series.add(sample.runsEnded(), value.applyAsDouble(sample)));
    return series;
  }
}

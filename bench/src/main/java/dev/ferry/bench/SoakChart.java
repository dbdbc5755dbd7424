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
 * The soak's samples drawn against runs ended, into a PNG: the agent's RSS and heap after GC (MiB, left axis) with
 * its threads and open files (count, right axis) on the upper panel; its event-loop delay (left) and outbox
 * (right) on the lower one; a line where each server outage began. Drawn headless.
 */
final class SoakChart {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 900;
  /** Colours told apart on white, for the series in the order they are drawn. */
  private static final List<Color> COLOURS = List.of(new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
      new Color(0xFF7F0E), new Color(0x9467BD), Color.DARK_GRAY);

  private SoakChart() {}

  static void write(Path png, String title, List<Sample> samples, List<Long> outagesAt) throws IOException {
    XYPlot agent = new XYPlot();
    draw(agent, 0, "MiB", 0, series(samples, "RSS MiB", Sample::rssMiB),
        series(samples, "heap after GC MiB", Sample::heapMiB));
    draw(agent, 1, "threads, open fds", 2, series(samples, "threads", Sample::threads),
        series(samples, "open fds", Sample::fds));
    XYPlot loop = new XYPlot();
    draw(loop, 0, "event-loop delay max ms", 4, series(samples, "event-loop delay max ms", Sample::loopDelayMs));
    draw(loop, 1, "outbox", 5, series(samples, "outbox (log lines + final states)", Sample::outbox));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("runs ended"));
    plot.add(agent, 2);
    plot.add(loop, 1);
    for (XYPlot panel : List.of(agent, loop)) {
      panel.setBackgroundPaint(Color.WHITE);
      panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
      panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
      outagesAt.forEach(at -> {
        ValueMarker outage = new ValueMarker(at, Color.RED, new BasicStroke(1f));
        outage.setLabel("outage");
        panel.addDomainMarker(outage);
      });
    }
    ChartUtils.saveChartAsPNG(png.toFile(), new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true),
        WIDTH, HEIGHT);
  }

  /** Draws {@code series} on {@code panel} as its dataset {@code index}, on an axis of their own (0 left, 1 right). */
  private static void draw(XYPlot panel, int index, String axis, int firstColour, XYSeries... series) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.length; i++) {
      data.addSeries(series[i]);
      lines.setSeriesPaint(i, COLOURS.get(firstColour + i));
      lines.setSeriesStroke(i, new BasicStroke(2f));
    }
    panel.setDataset(index, data);
    panel.setRangeAxis(index, new NumberAxis(axis));
    panel.mapDatasetToRangeAxis(index, index);
    panel.setRenderer(index, lines);
  }

  private static XYSeries series(List<Sample> samples, String name, ToDoubleFunction<Sample> value) {
    XYSeries series = new XYSeries(name, false);
    samples.forEach(sample -> series.add(sample.runsEnded(), value.applyAsDouble(sample)));
    return series;
  }
}

package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScenarioRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The post's two charts, one series per scenario against size: retained bytes (growth) and the
 * overhead ratio against the baseline. Sizes span six decades, so the size axis is logarithmic.
 */
public final class SweepCharts {

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 800;

    private SweepCharts() {
    }

    /** Retained bytes against size, both on log scales. */
    public static void writeGrowth(List<ScenarioRow> rows, OutputStream out) throws IOException {
        XYSeriesCollection series = seriesByScenario(rows,
                row -> row.event().hasRetainedBytes() && row.event().retainedBytes() > 0
                        ? (double) row.event().retainedBytes() : null);
        LogAxis bytes = new LogAxis("Retained (bytes, exact, log scale)");
        bytes.setBase(10);
        bytes.setSmallestValue(1);
        write(chart("Memory retained by each container, by number of elements", series, bytes), out);
    }

    /** Overhead ratio against size; 0 is the baseline. */
    public static void writeOverhead(List<ScenarioRow> rows, String baseline, OutputStream out) throws IOException {
        XYSeriesCollection series = seriesByScenario(rows,
                row -> row.overheadRatio().isPresent() ? row.overheadRatio().getAsDouble() : null);
        NumberAxis ratio = new NumberAxis("Overhead ratio: (retained - " + PrintableText.of(baseline)
                + ") / " + PrintableText.of(baseline) + " (dimensionless)");
        ratio.setAutoRangeIncludesZero(true);
        write(chart("Overhead ratio against " + PrintableText.of(baseline) + ", by number of elements", series, ratio), out);
    }

    private static XYSeriesCollection seriesByScenario(List<ScenarioRow> rows, Function<ScenarioRow, Double> y) {
        Map<String, XYSeries> byScenario = new LinkedHashMap<>();
        for (ScenarioRow row : rows) {
            Double value = y.apply(row);
            if (value != null && row.event().size() > 0) {
                byScenario.computeIfAbsent(row.event().name(), name -> new XYSeries(PrintableText.of(name), true, true))
                        .add(row.event().size(), value);
            }
        }
        XYSeriesCollection collection = new XYSeriesCollection();
        byScenario.values().forEach(collection::addSeries);
        return collection;
    }

    private static JFreeChart chart(String title, XYSeriesCollection series, ValueAxis yAxis) {
        LogAxis size = new LogAxis("Size (elements, log scale)");
        size.setBase(10);
        size.setSmallestValue(1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(series, size, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void write(JFreeChart chart, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
}

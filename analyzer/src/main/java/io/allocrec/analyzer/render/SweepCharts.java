package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScenarioRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
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
import org.jfree.chart.axis.NumberTickUnit;
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

    /** Dark, distinct colours that read on white (the JFreeChart default includes yellow). */
    static final Color[] PALETTE = {
        new Color(0x000000), new Color(0xE6194B), new Color(0x3CB44B), new Color(0x4363D8), new Color(0xF58231),
        new Color(0x911EB4), new Color(0x42D4F4), new Color(0xF032E6), new Color(0x808000), new Color(0x9A6324),
        new Color(0x469990), new Color(0x800000)
    };

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 800;

    private SweepCharts() {
    }

    /** Retained bytes against size, both on log scales. */
    public static void writeGrowth(List<ScenarioRow> rows, OutputStream out) throws IOException {
        XYSeriesCollection series = seriesByScenario(rows,
                row -> row.scope().figures().hasRetainedBytes() && row.scope().figures().retainedBytes() > 0
                        ? (double) row.scope().figures().retainedBytes() : null);
        LogAxis bytes = powersOfTen("Retained (bytes, exact, log scale)");
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
            if (value != null && row.scope().figures().size() > 0) {
                byScenario.computeIfAbsent(row.scope().name(), name -> new XYSeries(PrintableText.of(name), true, true))
                        .add(row.scope().figures().size(), value);
            }
        }
        XYSeriesCollection collection = new XYSeriesCollection();
        byScenario.values().forEach(collection::addSeries);
        return collection;
    }

    private static JFreeChart chart(String title, XYSeriesCollection series, ValueAxis yAxis) {
        LogAxis size = powersOfTen("Size (elements, log scale)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        if (series.getSeriesCount() > 0) {
            decadeAroundSingleValue(size, series.getDomainLowerBound(false), series.getDomainUpperBound(false));
            if (yAxis instanceof LogAxis logY) {
                decadeAroundSingleValue(logY, series.getRangeLowerBound(false), series.getRangeUpperBound(false));
            }
        }
        XYPlot plot = new XYPlot(series, size, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A log axis cannot range over a single value (one size, or equal figures): a decade either side. */
    private static void decadeAroundSingleValue(LogAxis axis, double lowest, double highest) {
        if (lowest >= highest && lowest > 0) {
            axis.setAutoRange(false);
            axis.setRange(Math.max(1, lowest / 10), lowest * 10);
        }
    }

    /** A base-10 log axis with a tick at each power of ten, labelled 1, 10, 100, 1,000... */
    static LogAxis powersOfTen(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    private static void write(JFreeChart chart, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
}

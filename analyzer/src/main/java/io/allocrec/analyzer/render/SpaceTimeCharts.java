package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.Breakdown;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.aggregate.SweepTimes;
import io.allocrec.analyzer.load.SweepTiming;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sweep's time side and where its bytes go: {@code spacetime.png} (bytes per element against
 * nanoseconds per lookup and per insert at one size, one point per scenario, the stated error as a
 * bar), {@code time.png} (nanoseconds per element against size) and {@code breakdown.png}
 * (retained bytes per element, stacked by class, at one size).
 */
public final class SpaceTimeCharts {

    /** Classes drawn one by one in the breakdown; the rest are summed as "other". */
    private static final int BREAKDOWN_CLASSES = 11;

    private SpaceTimeCharts() {
    }

    /** @return false when nothing can be drawn (no scenario has both a timing and a retained figure at the size) */
    public static boolean writeSpaceTime(List<ScenarioRow> rows, SweepTimes times, long size, OutputStream out)
            throws IOException {
        Map<String, Double> bytesPerElement = new LinkedHashMap<>();
        rows.stream().filter(r -> r.scope().figures().size() == size && r.scope().figures().hasRetainedBytes())
                .forEach(r -> bytesPerElement.put(r.scope().name(), r.scope().figures().retainedBytes() / (double) size));
        NumberAxis bytes = new NumberAxis("Retained bytes per element (exact)");
        bytes.setAutoRangeIncludesZero(false);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(bytes);
        combined.setGap(24);
        // One colour per scenario in both panels (and in the legend), in the sweep's order.
        List<String> scenarios = new ArrayList<>(bytesPerElement.keySet());
        boolean any = false;
        for (String operation : List.of(SweepTimes.LOOKUP, SweepTimes.INSERT)) {
            XIntervalSeriesCollection points = new XIntervalSeriesCollection();
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawYError(false);
            renderer.setErrorStroke(new BasicStroke(1.5f));
            for (String scenario : scenarios) {
                Optional<SweepTiming> timing = times.of(scenario, size, operation);
                XIntervalSeries series = new XIntervalSeries(PrintableText.of(scenario));
                if (timing.isPresent() && timing.get().nanosPerElement() > 0) {
                    double ns = timing.get().nanosPerElement();
                    double error = Double.isFinite(timing.get().error()) ? timing.get().error() : 0;
                    series.add(ns, Math.max(ns / 1000, ns - error), ns + error, bytesPerElement.get(scenario));
                    any = true;
                }
                int index = points.getSeriesCount();
                points.addSeries(series);
                renderer.setSeriesPaint(index, SweepCharts.PALETTE[scenarios.indexOf(scenario) % SweepCharts.PALETTE.length]);
                renderer.setSeriesShape(index, operation.equals(SweepTimes.LOOKUP) ? new Ellipse2D.Double(-6, -6, 12, 12)
                        : new Rectangle2D.Double(-6, -6, 12, 12));
                renderer.setSeriesVisibleInLegend(index, operation.equals(SweepTimes.LOOKUP));
            }
            LogAxis nanos = SweepCharts.powersOfTen("ns per element, " + operation + " (circle/square: mean; bar: stated "
                    + "error; log scale)");
            nanos.setSmallestValue(0.1);
            XYPlot plot = new XYPlot(points, nanos, null, renderer);
            style(plot);
            combined.add(plot, 1);
        }
        if (!any) {
            return false;
        }
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
                "Space against time at %,d elements: bytes per element by ns per lookup (left) and per insert (right)",
                size), JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, SweepCharts.WIDTH, SweepCharts.HEIGHT);
        return true;
    }

    /** Nanoseconds per element against size, lookup above insert, one series per scenario. */
    public static void writeTime(SweepTimes times, OutputStream out) throws IOException {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(SweepCharts.powersOfTen("Size (elements, log scale)"));
        List<String> scenarios = times.scenarios();
        for (String operation : List.of(SweepTimes.LOOKUP, SweepTimes.INSERT)) {
            XYSeriesCollection collection = new XYSeriesCollection();
            List<String> drawn = new ArrayList<>();
            times.byScenario(operation).forEach((scenario, bySize) -> {
                drawn.add(scenario);
                XYSeries series = new XYSeries(PrintableText.of(scenario), true, true);
                bySize.forEach((size, timing) -> {
                    if (timing.nanosPerElement() > 0) {
                        series.add((double) size, timing.nanosPerElement());
                    }
                });
                collection.addSeries(series);
            });
            LogAxis nanos = SweepCharts.powersOfTen("ns per element, " + operation + " (log)");
            nanos.setSmallestValue(0.1);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < collection.getSeriesCount(); i++) {
                // The same colour as in the other panel and in spacetime.png: by the scenario's place in the sweep.
                renderer.setSeriesPaint(i, SweepCharts.PALETTE[scenarios.indexOf(drawn.get(i)) % SweepCharts.PALETTE.length]);
                renderer.setSeriesVisibleInLegend(i, operation.equals(SweepTimes.INSERT));
                renderer.setSeriesStroke(i, new BasicStroke(2f));
                renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            }
            XYPlot plot = new XYPlot(collection, null, nanos, renderer);
            style(plot);
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart("Time per element by size: lookup of every key (top), building (bottom)",
                JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, SweepCharts.WIDTH, SweepCharts.HEIGHT);
    }

    /** Retained bytes per element at {@code size}, one stacked bar per scenario, a layer per class. */
    public static void writeBreakdown(Breakdown breakdown, long size, OutputStream out) throws IOException {
        List<String> scenarios = breakdown.scenariosAt(size);
        Map<String, Double> classTotals = new LinkedHashMap<>();
        scenarios.forEach(s -> breakdown.of(s, size).forEach(share ->
                classTotals.merge(share.className(), share.bytesPerElement(), Double::sum)));
        List<String> shown = new ArrayList<>(classTotals.keySet());
        shown.sort((a, b) -> Double.compare(classTotals.get(b), classTotals.get(a)));
        shown = shown.subList(0, Math.min(BREAKDOWN_CLASSES, shown.size()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String scenario : scenarios) {
            double other = 0;
            for (Breakdown.Share share : breakdown.of(scenario, size)) {
                if (shown.contains(share.className())) {
                    data.addValue(share.bytesPerElement(), simpleName(share.className()), PrintableText.of(scenario));
                } else {
                    other += share.bytesPerElement();
                }
            }
            data.addValue(other, "other classes", PrintableText.of(scenario));
        }
        CategoryAxis axis = new CategoryAxis("Scenario");
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis bytes = new NumberAxis(String.format(Locale.ROOT,
                "Retained bytes per element at %,d elements (exact, JOL class histogram)", size));
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, SweepCharts.PALETTE[(i + 1) % SweepCharts.PALETTE.length]); // black last: "other classes" when all 11 show
        }
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, axis, bytes, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "Where each element's bytes go, at %,d elements",
                size), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, SweepCharts.WIDTH, SweepCharts.HEIGHT);
    }

    /**
     * "java.util.HashMap$Node" as "HashMap$Node": the legend has room for the class, not the JDK's
     * packages. Other packages stay, so two classes of one simple name are never merged.
     */
    static String simpleName(String className) {
        for (String jdk : List.of("java.lang.", "java.util.concurrent.", "java.util.")) {
            if (className.startsWith(jdk) && className.indexOf('.', jdk.length()) < 0) {
                return PrintableText.of(className.substring(jdk.length()));
            }
        }
        return PrintableText.of(className);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}

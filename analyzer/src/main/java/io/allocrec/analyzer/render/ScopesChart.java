package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code scopes.png}: mean allocated bytes per call of each scope name, the largest
 * {@value #MAX_BARS} by total. Exact bars and sampled bars (names without an exact figure, such
 * as scopes on virtual threads or taken from other events) are separate, labelled series.
 */
public final class ScopesChart {

    static final int MAX_BARS = 25;
    private static final String EXACT = "exact (allocatedBytes)";
    private static final String SAMPLED = "sampled estimate (no exact figure)";

    private ScopesChart() {
    }

    public static void write(List<ScopeNameSummary> summaries, OutputStream out) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        summaries.stream()
                .sorted(Comparator.comparingDouble((ScopeNameSummary s) -> s.meanPerCall() * s.calls()).reversed())
                .limit(MAX_BARS)
                .forEach(s -> {
                    String name = PrintableText.of(s.name());
                    data.addValue(s.meanIsExact() ? s.meanPerCall() : null, EXACT, name);
                    data.addValue(s.meanIsExact() ? null : s.meanPerCall(), SAMPLED, name);
                });
        BarRenderer renderer = new BarRenderer();
        renderer.setSeriesPaint(0, new Color(0x4363D8));
        renderer.setSeriesPaint(1, new Color(0xF58231));
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("Scope"),
                new NumberAxis("Mean allocated per call (bytes)"), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Allocated bytes per call, by scope", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        int height = Math.max(SweepCharts.HEIGHT, 120 + 30 * data.getColumnCount());
        ChartUtils.writeChartAsPNG(out, chart, SweepCharts.WIDTH, height);
    }
}

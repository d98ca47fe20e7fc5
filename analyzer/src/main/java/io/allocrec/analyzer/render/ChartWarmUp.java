package io.allocrec.analyzer.render;

import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a small throw-away chart, to nowhere, on a thread of its own while a report's JVM reads
 * its command line: the fonts, Java2D's pipes and the PNG writer are then ready when the real
 * charts are drawn. A report's first 0.1 s (picocli, before any chunk is parsed) keeps one core
 * busy and leaves the others idle; the charts are drawn at the end, when every core is busy. On
 * a one-chunk recording this took 4% off the wall time at the same CPU time (docs/internals.md).
 */
public final class ChartWarmUp {

    private ChartWarmUp() {
    }

    public static void start() {
        Thread thread = new Thread(() -> {
            try {
                draw();
            } catch (IOException | RuntimeException | LinkageError e) {
                // Nothing lost: the report's own charts meet the same cause and say so.
            }
        }, "allocrec-chart-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static void draw() throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(1.0, "series", "name");
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("x"), new NumberAxis("y"), new BarRenderer());
        JFreeChart chart = new JFreeChart("title", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.writeChartAsPNG(OutputStream.nullOutputStream(), chart, 200, 100);
    }
}

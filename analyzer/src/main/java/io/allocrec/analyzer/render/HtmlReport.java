package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: a report as one self-contained page, to be opened without a network: the
 * per-name table, the charts (inlined PNGs) and an interactive flame graph per scope name; or, for
 * a comparison, the per-name verdicts and a differential flame graph per name. Its CSS and
 * JavaScript are this package's resources, inlined; the flame graphs' data is JSON in a
 * {@code <script type="application/json">} (see {@link FlameGraphData}), drawn on a canvas.
 * How long a large page takes to write and open: docs/internals.md ({@code HtmlReportBrowserTest}
 * prints it).
 */
public final class HtmlReport {

    /**
     * What a report page shows.
     *
     * @param title     the page's heading
     * @param about     lines saying what this is: the recordings, the JVM, the date
     * @param summaries the per-name figures; empty when the report has none (names do not repeat)
     * @param charts    PNG images by caption, in the order shown
     * @param profile   the sampled stacks the flame graphs are drawn from
     * @param sweepText a size sweep's summary as the terminal shows it (overhead ratios, time and
     *                  space, where the bytes go); empty for scopes that are not a sweep
     */
    public record Content(String title, List<String> about, List<ScopeNameSummary> summaries,
                          Charts charts, StackProfile profile, List<String> sweepText) {
        public Content {
            about = List.copyOf(about);
            summaries = List.copyOf(summaries);
            sweepText = List.copyOf(sweepText);
        }

        /** A page of charts already drawn. */
        public Content(String title, List<String> about, List<ScopeNameSummary> summaries,
                       Map<String, byte[]> charts, StackProfile profile, List<String> sweepText) {
            this(title, about, summaries, drawn(charts), profile, sweepText);
        }

        /** A page without a sweep summary. */
        public Content(String title, List<String> about, List<ScopeNameSummary> summaries,
                       Map<String, byte[]> charts, StackProfile profile) {
            this(title, about, summaries, charts, profile, List.of());
        }

        private static Charts drawn(Map<String, byte[]> charts) {
            Map<String, byte[]> copy = Collections.unmodifiableMap(new LinkedHashMap<>(charts));
            return () -> copy;
        }
    }

    /**
     * The page's charts, PNG images by caption in the order shown: asked for once the rest of the
     * page up to them is written, so that they may still be drawing on another thread till then.
     */
    @FunctionalInterface
    public interface Charts {
        Map<String, byte[]> get() throws IOException;
    }

    /**
     * What a comparison page shows.
     *
     * @param title       the page's heading
     * @param about       lines saying what is compared with what, and by which rule
     * @param rows        one per scope name, in the order shown
     * @param baseProfile the base side's sampled stacks
     * @param newProfile  the new side's: the differential graphs' widths
     */
    public record DiffContent(String title, List<String> about, List<ScopeDiff> rows, StackProfile baseProfile,
                              StackProfile newProfile) {
        public DiffContent {
            about = List.copyOf(about);
            rows = List.copyOf(rows);
        }
    }

    private static final String RESOURCES = "html/";

    private HtmlReport() {
    }

    public static void write(Content content, Writer out) throws IOException {
        start(content.title(), content.about(), List.of(
                "summary", "Allocation per scope name", "flame", "Flame graphs", "charts", "Charts"), out);
        out.write("<section id=\"summary\"><h2>Allocation per scope name</h2>\n");
        if (content.summaries().isEmpty() && !content.sweepText().isEmpty()) {
            out.write("<p>A size sweep: one scope per scenario and size, so its figures are per scenario and size "
                    + "(scenarios.csv, breakdown.csv); the summary, as the terminal printed it:</p>\n<pre class=\"sweep\">");
            for (String line : content.sweepText()) {
                out.write(escape(line));
                out.write("\n");
            }
            out.write("</pre>\n");
        } else if (content.summaries().isEmpty()) {
            out.write("<p class=\"empty\">No per-name figures: no scope name repeats in these recordings.</p>\n");
        } else {
            HtmlTables.summary(content.summaries(), out);
        }
        out.write("</section>\n");
        boolean stacks = !content.profile().stacks().isEmpty();
        flameSection(false, stacks, out);
        // The flame graphs' data before the charts, which may still be drawing.
        if (stacks) {
            data(data -> FlameGraphData.writeProfile(content.profile(), data), out);
        }
        Map<String, byte[]> charts = content.charts().get();
        out.write("<section id=\"charts\"><h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            out.write("<p class=\"empty\">No charts: these recordings hold neither a size sweep nor repeated scope "
                    + "names.</p>\n");
        }
        for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
            out.write("<figure class=\"chart\"><img alt=\"" + escape(chart.getKey()) + "\" src=\"data:image/png;base64,");
            out.write(Base64.getEncoder().encodeToString(chart.getValue()));
            out.write("\"><figcaption>" + escape(chart.getKey()) + "</figcaption></figure>\n");
        }
        out.write("</section>\n");
        end(stacks, out);
    }

    public static void writeDiff(DiffContent content, Writer out) throws IOException {
        start(content.title(), content.about(), List.of(
                "verdicts", "Verdicts per scope name", "flame", "Differential flame graphs"), out);
        out.write("<section id=\"verdicts\"><h2>Verdicts per scope name</h2>\n");
        if (content.rows().isEmpty()) {
            out.write("<p class=\"empty\">No scope names to compare.</p>\n");
        } else {
            HtmlTables.diff(content.rows(), out);
        }
        out.write("</section>\n");
        boolean stacks = !content.baseProfile().stacks().isEmpty() || !content.newProfile().stacks().isEmpty();
        flameSection(true, stacks, out);
        if (stacks) {
            data(data -> FlameGraphData.writeDifference(content.baseProfile(), content.newProfile(), data), out);
        }
        end(stacks, out);
    }

    /** Writes a page's JSON data. */
    @FunctionalInterface
    private interface DataWriter {
        void write(Writer out) throws IOException;
    }

    /** @param contents pairs of section id and heading, for the table of contents */
    private static void start(String title, List<String> about, List<String> contents, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"allocrec\">\n");
        out.write("<title>" + escape(title) + "</title>\n<style>\n");
        out.write(resource("report.css"));
        out.write("</style>\n</head>\n<body>\n<header class=\"page\"><div class=\"wrap\"><h1>" + escape(title) + "</h1>\n<ul>");
        for (String line : about) {
            out.write("<li>" + escape(line) + "</li>");
        }
        out.write("</ul></div></header>\n<nav class=\"toc\"><div class=\"wrap\">");
        for (int i = 0; i < contents.size(); i += 2) {
            out.write("<a href=\"#" + contents.get(i) + "\">" + escape(contents.get(i + 1)) + "</a>");
        }
        out.write("</div></nav>\n<main class=\"wrap\">\n");
    }

    private static void flameSection(boolean differential, boolean stacks, Writer out) throws IOException {
        out.write("<section id=\"flame\"><h2>" + (differential ? "Differential flame graphs" : "Flame graphs") + "</h2>\n");
        if (!stacks) {
            out.write("<p class=\"empty\">No allocation samples with stacks: nothing to draw.</p></section>\n");
            return;
        }
        out.write(differential
                ? "<p class=\"lead\">Where each scope name allocates on the new side, from allocation samples (sampled "
                        + "bytes). Widths are the new side's bytes; colour is the change in a frame's share of its "
                        + "scope's bytes from base to new: red grew, blue shrank, grey about the same. Shares, not "
                        + "bytes: where one path grew, the others' shares shrink. Paths only the base side has are "
                        + "not drawn. Hover for both sides' bytes; click a frame to zoom.</p>\n"
                : "<p class=\"lead\">Where each scope name allocates, from allocation samples (sampled bytes, nested "
                        + "scopes excluded). Bottom: the scope name; up from it the stack, outermost frame first; on "
                        + "top the allocated class. Width is the share of the scope's sampled bytes. Hover for "
                        + "figures; click a frame to zoom into it.</p>\n"
                        + "<p class=\"lead\" id=\"flame-total-note\">A scope's total here is its <b>landed weight</b>: "
                        + "the weights of the samples that landed in its calls, as in <code>stacks.collapsed</code> and "
                        + "<code>allocations.pb.gz</code>. The table's <b>sampled estimate</b> is another figure: the "
                        + "estimator's, which shares each stretch between samples out over the calls in it, because "
                        + "where samples land is picked by the allocations themselves and can favour one scope over "
                        + "another. Where the two differ, the estimate and its interval are the figure to use; the "
                        + "graph says where within the scope the bytes go. The table shows both totals.</p>\n");
        out.write("<div class=\"flame-controls\"><label>Scope name <select id=\"flame-scope\"></select></label>"
                + "<input type=\"search\" id=\"flame-search\" placeholder=\"Search frames: text, or /regex/\" "
                + "aria-label=\"Search frames\">"
                + "<button type=\"button\" id=\"flame-reset\">Reset zoom</button>"
                + "<span id=\"flame-match\" class=\"match\"></span></div>\n");
        out.write(differential
                ? "<div class=\"legend\"><span>share of the scope's bytes: shrank<span class=\"ramp\"></span>grew</span>"
                        + "<span><i style=\"background:#c23bd4\"></i>search match</span></div>\n"
                : "<div class=\"legend\"><span><i style=\"background:hsl(30,88%,63%)\"></i>application method</span>"
                        + "<span><i style=\"background:hsl(115,32%,67%)\"></i>JDK method</span>"
                        + "<span><i style=\"background:hsl(206,70%,65%)\"></i>allocated class</span>"
                        + "<span><i style=\"background:#9aa3b5\"></i>scope name</span>"
                        + "<span><i style=\"background:#c23bd4\"></i>search match</span></div>\n");
        out.write("<div id=\"flame-crumbs\" class=\"crumbs\"></div>\n<div class=\"flame-box\">"
                + "<canvas id=\"flame-canvas\"></canvas><div id=\"flame-tip\" class=\"tip\" role=\"tooltip\"></div></div>\n"
                + "<p id=\"flame-stats\" class=\"flame-stats\"></p>\n</section>\n");
    }

    /** The flame graphs' data, as JSON the page's script reads. */
    private static void data(DataWriter data, Writer out) throws IOException {
        out.write("<script type=\"application/json\" id=\"flame-data\">");
        data.write(out);
        out.write("</script>\n");
    }

    /** @param flameGraphs whether the page has flame graphs' data, for its script to draw */
    private static void end(boolean flameGraphs, Writer out) throws IOException {
        out.write("</main>\n<footer><div class=\"wrap\">Written by allocrec. Exact figures come from each scope's "
                + "allocation counter; sampled figures from JFR's allocation samples, which weigh each sample by "
                + "the bytes it stands for.</div></footer>\n");
        if (flameGraphs) {
            out.write("<script>\n");
            out.write(resource("flamegraph.js"));
            out.write("</script>\n");
        }
        out.write("</body>\n</html>\n");
    }

    static String escape(String text) {
        String printable = PrintableText.of(text);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

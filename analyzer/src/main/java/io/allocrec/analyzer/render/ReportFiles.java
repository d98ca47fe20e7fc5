package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ClassTally;
import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report}'s files into its folder, all of them or none. */
final class ReportFiles {

    static final String SCENARIOS_CSV = "scenarios.csv";
    static final String GROWTH_PNG = "growth.png";
    static final String OVERHEAD_PNG = "overhead.png";
    static final String SCOPES_CSV = "scopes.csv";
    static final String CLASSES_CSV = "classes.csv";
    static final String SCOPES_PNG = "scopes.png";
    static final String REPORT_JSON = "report.json";
    static final String STACKS_COLLAPSED = "stacks.collapsed";
    static final String ALLOCATIONS_PPROF = "allocations.pb.gz";
    static final String SPACETIME_PNG = "spacetime.png";
    static final String TIME_PNG = "time.png";
    static final String BREAKDOWN_CSV = "breakdown.csv";
    static final String BREAKDOWN_PNG = "breakdown.png";
    static final String INDEX_HTML = "index.html";

    private static final Map<String, String> CHART_CAPTIONS = Map.of(
            GROWTH_PNG, "Retained bytes by size",
            OVERHEAD_PNG, "Overhead ratio against the baseline by size",
            SPACETIME_PNG, "Space against time at one size",
            TIME_PNG, "Time per element by size",
            BREAKDOWN_PNG, "Where each element's bytes go",
            SCOPES_PNG, "Bytes per call by scope name");

    private ReportFiles() {
    }

    /**
     * Writes the report into {@code out}, replacing an earlier report's files there.
     *
     * @param sweepSummary the sweep's summary lines ({@link ReportSummary#sweepLines}), shown on the page
     */
    static void write(Report report, List<String> sweepSummary, Path out) throws OutputProblem {
        ClassTally tally = report.aggregates.tally();
        BackgroundTask<StackProfile> profiling = null;
        try (OutputFolder folder = OutputFolder.open(out)) {
            try {
                if (report.scenariosCsv) {
                    try (Writer csv = writer(folder, SCENARIOS_CSV)) {
                        ScenarioCsv.write(report.rows, report.times, csv);
                    }
                }
                // The charts are drawn, and the stack files written, on threads of their own while this
                // one writes the tables and the page: writing then takes the longest of the three.
                BackgroundTask<Map<String, byte[]>> drawing = BackgroundTask.start("allocrec-charts", () -> charts(report));
                if (report.breakdownSize.isPresent()) {
                    try (Writer csv = writer(folder, BREAKDOWN_CSV)) {
                        BreakdownCsv.write(report.breakdown, csv);
                    }
                }
                profiling = BackgroundTask.start("allocrec-stacks", () -> {
                    StackProfile stacks = tally.stackProfile();
                    try (OutputStream collapsed = folder.create(STACKS_COLLAPSED)) {
                        CollapsedStacks.write(stacks, collapsed);
                    }
                    try (OutputStream pprof = folder.create(ALLOCATIONS_PPROF)) {
                        PprofProfile.write(stacks, report.startNanos, 0, pprof);
                    }
                    return stacks;
                });
                if (report.grouped) {
                    try (Writer csv = writer(folder, SCOPES_CSV)) {
                        ScopesCsv.write(report.byName, tally, csv);
                    }
                    try (Writer csv = writer(folder, CLASSES_CSV)) {
                        ClassesCsv.write(tally.classes(), csv);
                    }
                }
                try (Writer json = writer(folder, REPORT_JSON)) {
                    ReportJson.write(report.aggregates.byName(), report.aggregates.scopeCount(),
                            report.aggregates.sampleCount(), report.aggregates.sampledBytes(), json);
                }
                StackProfile profile = profiling.result();
                try (Writer html = writer(folder, INDEX_HTML)) {
                    // The page up to its charts is written while they draw.
                    HtmlReport.Charts captioned = () -> {
                        Map<String, byte[]> byCaption = new LinkedHashMap<>();
                        drawing.result().forEach((file, bytes) ->
                                byCaption.put(CHART_CAPTIONS.getOrDefault(file, file) + " (" + file + ")", bytes));
                        return byCaption;
                    };
                    HtmlReport.write(new HtmlReport.Content("allocrec report", about(report), report.byName, captioned,
                            profile, sweepSummary), html);
                }
                for (Map.Entry<String, byte[]> chart : drawing.result().entrySet()) {
                    try (OutputStream file = folder.create(chart.getKey())) {
                        file.write(chart.getValue());
                    }
                }
                folder.commit();
            } finally {
                if (profiling != null) {
                    profiling.finish(); // its files are closed before the folder is removed on a failure
                }
            }
        } catch (IOException e) {
            throw new OutputProblem(out + ": cannot be written: " + e.getMessage());
        }
    }

    /** Each chart as PNG bytes, by the file it goes to (and, inlined, into index.html). */
    private static Map<String, byte[]> charts(Report report) throws IOException {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        if (report.sweep) {
            charts.put(GROWTH_PNG, png(chart -> SweepCharts.writeGrowth(report.rows, chart)));
            charts.put(OVERHEAD_PNG, png(chart -> SweepCharts.writeOverhead(report.rows, report.baseline, chart)));
        }
        if (report.timeSize.isPresent()) {
            charts.put(SPACETIME_PNG, png(chart ->
                    SpaceTimeCharts.writeSpaceTime(report.rows, report.times, report.timeSize.get(), chart)));
            charts.put(TIME_PNG, png(chart -> SpaceTimeCharts.writeTime(report.times, chart)));
        }
        if (report.breakdownSize.isPresent()) {
            charts.put(BREAKDOWN_PNG, png(chart ->
                    SpaceTimeCharts.writeBreakdown(report.breakdown, report.breakdownSize.get(), chart)));
        }
        if (report.grouped) {
            charts.put(SCOPES_PNG, png(chart -> ScopesChart.write(report.byName, chart)));
        }
        return charts;
    }

    private static byte[] png(ChartWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(bytes);
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface ChartWriter {
        void write(OutputStream out) throws IOException;
    }

    /** What the page says it is: the recordings, what they held, when they started. */
    private static List<String> about(Report report) {
        List<String> about = new ArrayList<>();
        about.add("Recordings: " + String.join(", ", report.recordings.stream().map(Path::toString).toList()));
        about.add(String.format(Locale.ROOT, "%,d scopes, %,d allocation samples (%,d bytes sampled)%s",
                report.aggregates.scopeCount(), report.aggregates.sampleCount(), report.aggregates.sampledBytes(),
                report.startNanos > 0 ? "; recording started " + Instant.ofEpochSecond(0, report.startNanos) : ""));
        report.warnings.forEach(warning -> about.add("Warning: " + warning));
        about.add("Exact figures: the threads' allocation counters. Sampled figures and flame graphs: JFR allocation "
                + "samples (estimates; intervals say how good).");
        return about;
    }

    private static Writer writer(OutputFolder folder, String name) throws IOException {
        return new OutputStreamWriter(folder.create(name), StandardCharsets.UTF_8);
    }
}

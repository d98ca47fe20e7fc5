package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.aggregate.Breakdown;
import io.allocrec.analyzer.aggregate.ClassTally;
import io.allocrec.analyzer.aggregate.NamedScope;
import io.allocrec.analyzer.aggregate.OverheadRatios;
import io.allocrec.analyzer.aggregate.OverheadSummary;
import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.SamplingAccuracy;
import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.aggregate.SweepTimes;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.BreakdownCsv;
import io.allocrec.analyzer.render.ClassesCsv;
import io.allocrec.analyzer.render.CollapsedStacks;
import io.allocrec.analyzer.render.HtmlReport;
import io.allocrec.analyzer.render.OutputFolder;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.PprofProfile;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.analyzer.render.ReportJson;
import io.allocrec.analyzer.render.ScenarioCsv;
import io.allocrec.analyzer.render.ScopeTable;
import io.allocrec.analyzer.render.ScopesChart;
import io.allocrec.analyzer.render.ScopesCsv;
import io.allocrec.analyzer.render.SpaceTimeCharts;
import io.allocrec.analyzer.render.SpaceTimeTable;
import io.allocrec.analyzer.render.SummaryTable;
import io.allocrec.analyzer.render.SweepCharts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allocrec report}: attributes a recording's allocation samples to its scopes and writes
 * the per-scope CSV, the sweep charts when the scopes are a size sweep, and per-name aggregates
 * when names repeat; then prints a summary.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads JFR recordings, attributes each allocation sample to the scope that encloses it on its "
                    + "thread (the innermost), and writes into DIR: scenarios.csv (one row per scope); for a "
                    + "size sweep growth.png and overhead.png; when scope names repeat (or with --group-by "
                    + "name) scopes.csv, classes.csv and scopes.png. Exact figures (allocated, retained) and "
                    + "sampled ones (sampled_bytes, samples) are kept apart."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:report written",
            "1:internal error (a bug: please report it with the stack trace)",
            "2:bad command line (also a --baseline that names no scope of the recording)",
            "3:a recording is missing, empty, not a JFR file, truncated or otherwise unreadable",
            "4:a recording lacks the events the report needs (scope events, or the --label field)",
            "5:the output folder cannot be created or written",
            "6:not enough heap for the recording (raise -Xmx, e.g. with ALLOCREC_JAVA_OPTS)"},
        footerHeading = "%nExample:%n",
        footer = {"  java -XX:StartFlightRecording:settings=profiles/production.jfc,filename=app.jfr \\",
            "       -jar app.jar",
            "  ./allocrec report app.jfr --out report/",
            "  ./allocrec report app.jfr --out report/ --scope-event jdk.MethodTrace \\",
            "       --label method"})
public final class ReportCommand implements Callable<Integer> {

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

    /** How scopes are grouped into per-name figures. */
    enum Grouping { auto, name, none }

    @Parameters(arity = "1..*", paramLabel = "RECORDING",
            description = "Recordings (.jfr) or folders of them (a JFR repository, say), analysed as one.")
    List<Path> recordings;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the report's files.")
    Path out;

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Scenario the overhead ratio is measured against (default: "
                    + OverheadRatios.DEFAULT_BASELINE + ").")
    String baselineOption;

    @Option(names = "--scope-event", paramLabel = "TYPE",
            description = "Take the events of this duration type as the scopes, for recordings without allocrec "
                    + "events: a service's own events, or jdk.MethodTrace (JDK 25). Default: allocrec.Scenario.")
    String scopeEvent;

    @Option(names = "--label", paramLabel = "FIELD",
            description = "Field of the --scope-event type that names each scope (for jdk.MethodTrace: method). "
                    + "Default: the type's name for every scope.")
    String label;

    @Option(names = "--group-by", paramLabel = "auto|name|none",
            description = "Per-name aggregates: auto writes them when some name occurs more than once at the same "
                    + "size (default: ${DEFAULT-VALUE}).")
    Grouping groupBy = Grouping.auto;

    @Option(names = "--skip-bad", description = "Leave out unreadable recordings (each is named) instead of failing.")
    boolean skipBad;

    /** Whether to write a file: auto decides by what the recording holds. */
    enum Toggle { auto, yes, no }

    @Option(names = "--scenarios-csv", paramLabel = "auto|yes|no",
            description = "One row per scope in scenarios.csv: auto writes it unless scope names repeat (then the "
                    + "per-name tables say it all); never past " + ReportAggregates.MAX_ROWS + " scopes "
                    + "(default: ${DEFAULT-VALUE}).")
    Toggle scenariosCsvOption = Toggle.auto;

    /** How many names an error message lists at most, each cut to {@link #LISTED_NAME_LENGTH}. */
    private static final int LISTED_NAMES = 20;
    private static final int LISTED_NAME_LENGTH = 80;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private String baseline;
    private long startNanos;

    public ReportCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        baseline = baselineOption == null ? OverheadRatios.DEFAULT_BASELINE : baselineOption;
        if (out.toString().isBlank()) {
            stderr.println("allocrec report: --out is empty: name a folder for the report");
            return ExitCodes.BAD_COMMAND_LINE;
        }
        try {
            OutputFolder.checkWritable(out);
            RecordingsReader reader = new RecordingsReader("report", stderr, skipBad);
            RecordingAnalysis.Result analysis = reader.read(recordings, RecordingsReader.selection(scopeEvent, label));
            startNanos = reader.startNanos();
            ReportAggregates aggregates = analysis.aggregates();
            if (aggregates.sampleCount() == 0) {
                stderr.println("allocrec report: warning: no allocation samples (jdk.ObjectAllocationSample, or "
                        + "the TLAB allocation events): sampled_bytes and samples are all 0");
            }
            if (baselineOption != null && aggregates.byName().stream().noneMatch(n -> n.name().equals(baselineOption))) {
                stderr.println(PrintableText.of("allocrec report: --baseline " + quoted(baselineOption)
                        + " is no scope name in the recording; it has " + namesOf(aggregates)));
                return ExitCodes.BAD_COMMAND_LINE;
            }
            Report report = new Report(aggregates, analysis.samplesFromTlabEvents(), new SweepTimes(analysis.timings()),
                    new Breakdown(analysis.breakdown()));
            List<String> sweepSummary = sweepText(report);
            write(report, sweepSummary);
            print(report, sweepSummary);
            return ExitCodes.OK;
        } catch (RecordingProblem e) {
            return CommandFailure.of("report", e, stderr);
        } catch (OutputProblem e) {
            return CommandFailure.of("report", e, stderr);
        } catch (OutOfMemoryError e) {
            return CommandFailure.outOfMemory("report", stderr);
        }
    }

    /** The distinct scope names, sorted, at most {@link #LISTED_NAMES} of them, printable. */
    private static String namesOf(ReportAggregates aggregates) {
        List<String> names = aggregates.byName().stream().map(ScopeNameSummary::name).sorted().toList();
        String listed = String.join(", ", names.stream().limit(LISTED_NAMES).map(ReportCommand::quoted).toList());
        return names.size() + (names.size() == 1 ? " name: " : " names: ") + listed
                + (names.size() > LISTED_NAMES ? " and " + (names.size() - LISTED_NAMES) + " more" : "");
    }

    private static String quoted(String name) {
        String shown = name.length() > LISTED_NAME_LENGTH
                ? name.substring(0, LISTED_NAME_LENGTH) + "... (" + name.length() + " characters)" : name;
        return "'" + PrintableText.of(shown) + "'";
    }

    /** Everything computed from the recording, before anything is written. */
    private final class Report {
        final ReportAggregates aggregates;
        final boolean samplesFromTlabEvents;
        final List<ScenarioRow> rows;
        final List<NamedScope> scopes;
        final boolean sweep;
        final boolean grouped;
        final boolean scenariosCsv;
        final List<ScopeNameSummary> byName;
        final SweepTimes times;
        final Breakdown breakdown;
        /** The size the space-time chart compares scenarios at; empty without timings. */
        final Optional<Long> timeSize;
        final Optional<Long> breakdownSize;

        Report(ReportAggregates aggregates, boolean samplesFromTlabEvents, SweepTimes times, Breakdown breakdown) {
            this.times = times;
            this.breakdown = breakdown;
            this.aggregates = aggregates;
            this.samplesFromTlabEvents = samplesFromTlabEvents;
            this.scopes = aggregates.rows();
            this.rows = OverheadRatios.against(baseline, scopes);
            this.sweep = aggregates.rowsComplete()
                    && scopes.stream().anyMatch(s -> s.figures().size() > 0 && s.figures().hasRetainedBytes());
            this.grouped = groupBy == Grouping.name || (groupBy == Grouping.auto && aggregates.namesRepeat());
            this.scenariosCsv = aggregates.rowsComplete()
                    && (scenariosCsvOption == Toggle.yes || (scenariosCsvOption == Toggle.auto && !grouped));
            this.byName = grouped ? aggregates.byName() : List.of();
            this.timeSize = sweep ? times.comparisonSize() : Optional.empty();
            this.breakdownSize = breakdown.comparisonSize();
        }

        List<String> files() {
            List<String> files = new ArrayList<>();
            if (scenariosCsv) {
                files.add(SCENARIOS_CSV);
            }
            if (sweep) {
                files.addAll(List.of(GROWTH_PNG, OVERHEAD_PNG));
            }
            if (timeSize.isPresent()) {
                files.addAll(List.of(TIME_PNG, SPACETIME_PNG));
            }
            if (breakdownSize.isPresent()) {
                files.addAll(List.of(BREAKDOWN_CSV, BREAKDOWN_PNG));
            }
            if (grouped) {
                files.addAll(List.of(SCOPES_CSV, CLASSES_CSV, SCOPES_PNG));
            }
            files.addAll(List.of(REPORT_JSON, STACKS_COLLAPSED, ALLOCATIONS_PPROF, INDEX_HTML));
            return files;
        }
    }

    private void write(Report report, List<String> sweepSummary) throws OutputProblem {
        ClassTally tally = report.aggregates.tally();
        FutureTask<StackProfile> profiling = null;
        try (OutputFolder folder = OutputFolder.open(out)) {
            try {
                if (report.scenariosCsv) {
                    try (Writer csv = writer(folder, SCENARIOS_CSV)) {
                        ScenarioCsv.write(report.rows, report.times, csv);
                    }
                }
                // The charts are drawn, and the stack files written, on threads of their own while this
                // one writes the tables and the page: writing then takes the longest of the three.
                FutureTask<Map<String, byte[]>> drawing = inBackground("allocrec-charts", () -> charts(report));
                if (report.breakdownSize.isPresent()) {
                    try (Writer csv = writer(folder, BREAKDOWN_CSV)) {
                        BreakdownCsv.write(report.breakdown, csv);
                    }
                }
                profiling = inBackground("allocrec-stacks", () -> {
                    StackProfile stacks = tally.stackProfile();
                    try (Writer collapsed = writer(folder, STACKS_COLLAPSED)) {
                        CollapsedStacks.write(stacks, collapsed);
                    }
                    try (OutputStream pprof = folder.create(ALLOCATIONS_PPROF)) {
                        PprofProfile.write(stacks, startNanos, 0, pprof);
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
                Map<String, byte[]> charts = awaited(drawing);
                for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
                    try (OutputStream file = folder.create(chart.getKey())) {
                        file.write(chart.getValue());
                    }
                }
                StackProfile profile = awaited(profiling);
                try (Writer html = writer(folder, INDEX_HTML)) {
                    Map<String, byte[]> captioned = new LinkedHashMap<>();
                    charts.forEach((file, bytes) -> captioned.put(CHART_CAPTIONS.getOrDefault(file, file) + " (" + file + ")", bytes));
                    HtmlReport.write(new HtmlReport.Content("allocrec report", about(report), report.byName, captioned,
                            profile, sweepSummary), html);
                }
                folder.commit();
            } finally {
                finished(profiling); // its files are closed before the folder is removed on a failure
            }
        } catch (IOException e) {
            throw new OutputProblem(out + ": cannot be written: " + e.getMessage());
        }
    }

    private static final Map<String, String> CHART_CAPTIONS = Map.of(
            GROWTH_PNG, "Retained bytes by size",
            OVERHEAD_PNG, "Overhead ratio against the baseline by size",
            SPACETIME_PNG, "Space against time at one size",
            TIME_PNG, "Time per element by size",
            BREAKDOWN_PNG, "Where each element's bytes go",
            SCOPES_PNG, "Bytes per call by scope name");

    /** A sweep's overhead ratios, then its time and space and where its bytes go, when recorded. */
    private void printSweep(Report report, PrintStream out) {
        if (report.sweep) {
            SummaryTable.print(OverheadSummary.of(report.rows), baseline,
                    SamplingAccuracy.of(report.scopes, SamplingAccuracy.DEFAULT_THRESHOLD), out);
        }
        if (report.timeSize.isPresent()) {
            SpaceTimeTable.printTimes(report.rows, report.times, report.timeSize.get(), out);
        }
        if (report.breakdownSize.isPresent()) {
            SpaceTimeTable.printBreakdown(report.breakdown, report.breakdownSize.get(), out);
        }
    }

    /** The sweep's summary as lines, for the terminal and the page; none when the scopes are not a sweep. */
    private List<String> sweepText(Report report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream lines = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            printSweep(report, lines);
        }
        return text.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Draws a chart into memory. */
    /** Each chart as PNG bytes, by the file it goes to (and, inlined, into index.html). */
    private Map<String, byte[]> charts(Report report) throws IOException {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        if (report.sweep) {
            charts.put(GROWTH_PNG, png(chart -> SweepCharts.writeGrowth(report.rows, chart)));
            charts.put(OVERHEAD_PNG, png(chart -> SweepCharts.writeOverhead(report.rows, baseline, chart)));
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

    /**
     * Waits for a background task whatever became of it, even when interrupted (its files must be
     * closed before the folder is removed); what it threw is already reported, or moot.
     */
    private static void finished(FutureTask<?> task) {
        if (task == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break; // the caller has awaited it, or is failing for another reason
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code work} on a daemon thread of its own. */
    private static <T> FutureTask<T> inBackground(String name, java.util.concurrent.Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** What a background task made; its failure is rethrown as it was. */
    private static <T> T awaited(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
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
    private List<String> about(Report report) {
        List<String> about = new ArrayList<>();
        about.add("Recordings: " + String.join(", ", recordings.stream().map(Path::toString).toList()));
        about.add(String.format(Locale.ROOT, "%,d scopes, %,d allocation samples (%,d bytes sampled)%s",
                report.aggregates.scopeCount(), report.aggregates.sampleCount(), report.aggregates.sampledBytes(),
                startNanos > 0 ? "; recording started " + Instant.ofEpochSecond(0, startNanos) : ""));
        about.add("Exact figures: the threads' allocation counters. Sampled figures and flame graphs: JFR allocation "
                + "samples (estimates; intervals say how good).");
        return about;
    }

    private static Writer writer(OutputFolder folder, String name) throws IOException {
        return new OutputStreamWriter(folder.create(name), StandardCharsets.UTF_8);
    }

    /** @param sweepSummary the sweep's summary lines, printed as the page shows them */
    private void print(Report report, List<String> sweepSummary) {
        sweepSummary.forEach(stdout::println);
        if (report.grouped) {
            ScopeTable.print(report.byName, report.aggregates.tally(), stdout);
        }
        if (report.samplesFromTlabEvents) {
            stdout.println("Samples: the recording's TLAB allocation events (it has no jdk.ObjectAllocationSample); "
                    + "each counts the bytes it stands for, so sampled figures are rougher and their bounds not proven.");
        }
        if (!report.scenariosCsv) {
            stdout.println(report.aggregates.rowsComplete()
                    ? "scenarios.csv left out: scope names repeat, and the per-name tables say it all "
                            + "(--scenarios-csv yes writes it)."
                    : "scenarios.csv left out: more than " + ReportAggregates.MAX_ROWS + " scopes; the per-name tables "
                            + "cover them all.");
        }
        stdout.printf("%,d scopes, %,d allocation samples (%,d bytes sampled). Wrote %s%n",
                report.aggregates.scopeCount(), report.aggregates.sampleCount(), report.aggregates.sampledBytes(),
                String.join(", ", report.files().stream().map(f -> out.resolve(f).toString()).toList()));
    }
}

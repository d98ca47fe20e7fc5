package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.aggregate.Breakdown;
import io.allocrec.analyzer.aggregate.OverheadRatios;
import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.SweepTimes;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.OutputFolder;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.analyzer.render.Report;
import io.allocrec.exit.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
    Report.Grouping groupBy = Report.Grouping.auto;

    @Option(names = "--skip-bad", description = "Leave out unreadable recordings (each is named) instead of failing.")
    boolean skipBad;

    @Option(names = "--scenarios-csv", paramLabel = "auto|yes|no",
            description = "One row per scope in scenarios.csv: auto writes it unless scope names repeat (then the "
                    + "per-name tables say it all); never past " + ReportAggregates.MAX_ROWS + " scopes "
                    + "(default: ${DEFAULT-VALUE}).")
    Report.Toggle scenariosCsvOption = Report.Toggle.auto;

    /** How many names an error message lists at most, each cut to {@link #LISTED_NAME_LENGTH}. */
    private static final int LISTED_NAMES = 20;
    private static final int LISTED_NAME_LENGTH = 80;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public ReportCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (out.toString().isBlank()) {
            stderr.println("allocrec report: --out is empty: name a folder for the report");
            return ExitCodes.BAD_COMMAND_LINE;
        }
        try {
            OutputFolder.checkWritable(out);
            RecordingsReader reader = new RecordingsReader("report", stderr, skipBad);
            RecordingAnalysis.Result analysis = reader.read(recordings, RecordingsReader.selection(scopeEvent, label));
            List<String> warnings = reader.warnOfDataLoss(analysis).stream().toList();
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
            String baseline = baselineOption == null ? OverheadRatios.DEFAULT_BASELINE : baselineOption;
            new Report(aggregates, analysis.samplesFromTlabEvents(), new SweepTimes(analysis.timings()),
                    new Breakdown(analysis.breakdown()), baseline, groupBy, scenariosCsvOption, recordings,
                    reader.startNanos(), warnings).publish(out, stdout);
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
}

package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.aggregate.ScopeComparison;
import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.aggregate.SweepPoints;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.DiffCsv;
import io.allocrec.analyzer.render.DiffTable;
import io.allocrec.analyzer.render.HtmlReport;
import io.allocrec.analyzer.render.OutputFolder;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allocrec diff}: compares the bytes per call of each scope name between two sets of
 * recordings, with an interval that keeps run-to-run noise from reading as a regression.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compares two sets of recordings scope name by scope name: calls and bytes per call (mean, p50, p99) on "
                    + "each side, the change in the mean with its 99%% interval, and a verdict: regressed or improved "
                    + "only when the whole interval lies beyond the threshold, otherwise unchanged. Exact figures where "
                    + "every call has one; sampled estimates and their intervals otherwise. Writes DIR/diff.csv and DIR/index.html (verdicts and a differential flame graph per name)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing regressed",
            "1:internal error (a bug: please report it with the stack trace)",
            "2:bad command line",
            "3:a recording is missing, empty, not a JFR file, truncated or otherwise unreadable",
            "4:a recording lacks the events the comparison needs",
            "5:the output folder cannot be created or written",
            "6:not enough heap for the recordings (raise -Xmx, e.g. with ALLOCREC_JAVA_OPTS)",
            "7:a scope name regressed"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec diff main.jfr branch.jfr --out diff/",
            "  ./allocrec diff --base main-1.jfr --base main-2.jfr --new branch/ --out diff/ --threshold 5"})
public final class DiffCommand implements Callable<Integer> {

    static final String DIFF_CSV = "diff.csv";
    static final String INDEX_HTML = "index.html";

    @Parameters(arity = "0..*", paramLabel = "BASE NEW",
            description = "The base and the new recording (or folder of recordings); or use --base and --new.")
    List<Path> pair = new ArrayList<>();

    @Option(names = "--base", paramLabel = "RECORDING", description = "A base recording or folder (repeatable).")
    List<Path> base = new ArrayList<>();

    @Option(names = "--new", paramLabel = "RECORDING", description = "A new recording or folder (repeatable).")
    List<Path> next = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for diff.csv.")
    Path out;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "A change smaller than this many percent is never a regression (default: ${DEFAULT-VALUE}).")
    double thresholdPercent = 100 * ScopeComparison.DEFAULT_THRESHOLD;

    @Mixin
    ScopeReadingOptions reading = new ScopeReadingOptions();

    private final PrintStream stdout;
    private final PrintStream stderr;

    public DiffCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        List<Path> baseSide = new ArrayList<>(base);
        List<Path> newSide = new ArrayList<>(next);
        if (pair.size() == 2) {
            baseSide.add(0, pair.get(0));
            newSide.add(0, pair.get(1));
        } else if (!pair.isEmpty()) {
            return usage("BASE NEW takes exactly two recordings, not " + pair.size()
                    + "; for several a side use --base and --new");
        }
        if (baseSide.isEmpty() || newSide.isEmpty()) {
            return usage("name the base and the new recordings: BASE NEW, or --base and --new");
        }
        if (!(thresholdPercent >= 0 && thresholdPercent <= 1000)) {
            return usage("--threshold must be a percentage from 0 to 1000, not " + thresholdPercent);
        }
        if (out.toString().isBlank()) {
            return usage("--out is empty: name a folder for diff.csv");
        }
        try {
            OutputFolder.checkWritable(out);
            ScopeSelection selection = reading.selection();
            RecordingsReader reader = reading.reader("diff", stderr);
            RecordingAnalysis.Result baseResult = reader.read(baseSide, selection);
            RecordingAnalysis.Result newResult = reader.read(newSide, selection);
            double threshold = thresholdPercent / 100;
            boolean sweeps = SweepPoints.isSweep(baseResult.aggregates()) && SweepPoints.isSweep(newResult.aggregates());
            List<ScopeDiff> diffs = ScopeComparison.compare(summaries(baseResult, sweeps), summaries(newResult, sweeps),
                    threshold);
            List<String> about = new ArrayList<>(about(baseSide, newSide, threshold, sweeps));
            reader.warnOfDataLoss(baseResult, "base side").ifPresent(loss -> about.add("Warning, base side: " + loss));
            reader.warnOfDataLoss(newResult, "new side").ifPresent(loss -> about.add("Warning, new side: " + loss));
            write(diffs, baseResult.aggregates().tally().stackProfile(), newResult.aggregates().tally().stackProfile(),
                    about);
            if (sweeps) {
                stdout.println("Both sides are size sweeps: each scenario is compared size by size (\"NAME n=SIZE\").");
            }
            DiffTable.print(diffs, threshold, stdout);
            stdout.println("Wrote " + out.resolve(DIFF_CSV) + ", " + out.resolve(INDEX_HTML));
            return diffs.stream().anyMatch(d -> d.verdict() == ScopeDiff.Verdict.regressed) ? ExitCodes.WORSE : ExitCodes.OK;
        } catch (RecordingProblem e) {
            return CommandFailure.of("diff", e, stderr);
        } catch (OutputProblem e) {
            return CommandFailure.of("diff", e, stderr);
        } catch (OutOfMemoryError e) {
            return CommandFailure.outOfMemory("diff", stderr);
        }
    }

    private static List<ScopeNameSummary> summaries(RecordingAnalysis.Result result, boolean sweep) {
        return sweep ? SweepPoints.summaries(result.aggregates().rows()) : result.aggregates().byName();
    }

    private int usage(String problem) {
        stderr.println("allocrec diff: " + problem + " (see 'allocrec diff --help')");
        return ExitCodes.BAD_COMMAND_LINE;
    }

    private static List<String> about(List<Path> baseSide, List<Path> newSide, double threshold, boolean sweeps) {
        return List.of(
                "Base: " + String.join(", ", baseSide.stream().map(Path::toString).toList()),
                "New: " + String.join(", ", newSide.stream().map(Path::toString).toList()),
                String.format(Locale.ROOT, "A name regressed (or improved) only when the whole 99%% interval of its change "
                        + "in bytes per call lies beyond +/-%.1f%%. Exact figures where every call has one, sampled "
                        + "estimates otherwise.", 100 * threshold)
                        + (sweeps ? " Both sides are size sweeps: compared size by size." : ""),
                "Flame graphs: JFR allocation samples (estimates), widths from the new side, colour by the change in "
                        + "share.");
    }

    private void write(List<ScopeDiff> diffs, StackProfile baseProfile, StackProfile newProfile, List<String> about)
            throws OutputProblem {
        try (OutputFolder folder = OutputFolder.open(out)) {
            try (Writer csv = new OutputStreamWriter(folder.create(DIFF_CSV), StandardCharsets.UTF_8)) {
                DiffCsv.write(diffs, csv);
            }
            try (Writer html = new OutputStreamWriter(folder.create(INDEX_HTML), StandardCharsets.UTF_8)) {
                HtmlReport.writeDiff(new HtmlReport.DiffContent("allocrec diff", about, diffs, baseProfile, newProfile),
                        html);
            }
            folder.commit();
        } catch (IOException e) {
            throw new OutputProblem(out + ": cannot be written: " + e.getMessage());
        }
    }
}

package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.OverheadSummary;
import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.SamplingAccuracy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What {@code allocrec report} prints on the terminal once its files are written. */
final class ReportSummary {

    private ReportSummary() {
    }

    /** The sweep's summary as lines, for the terminal and the page; none when the scopes are not a sweep. */
    static List<String> sweepLines(Report report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream lines = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            printSweep(report, lines);
        }
        return text.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** A sweep's overhead ratios, then its time and space and where its bytes go, when recorded. */
    private static void printSweep(Report report, PrintStream out) {
        if (report.sweep) {
            SummaryTable.print(OverheadSummary.of(report.rows), report.baseline,
                    SamplingAccuracy.of(report.scopes, SamplingAccuracy.DEFAULT_THRESHOLD), out);
        }
        if (report.timeSize.isPresent()) {
            SpaceTimeTable.printTimes(report.rows, report.times, report.timeSize.get(), out);
        }
        if (report.breakdownSize.isPresent()) {
            SpaceTimeTable.printBreakdown(report.breakdown, report.breakdownSize.get(), out);
        }
    }

    /**
     * @param sweepSummary the sweep's summary lines, printed as the page shows them
     * @param out          the folder the files were written to
     */
    static void print(Report report, List<String> sweepSummary, Path out, PrintStream stdout) {
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

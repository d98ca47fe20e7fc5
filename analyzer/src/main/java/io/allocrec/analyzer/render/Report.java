package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.Breakdown;
import io.allocrec.analyzer.aggregate.NamedScope;
import io.allocrec.analyzer.aggregate.OverheadRatios;
import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.SweepTimes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code allocrec report} shows, decided from the recordings before anything is written. */
public final class Report {

    /** How scopes are grouped into per-name figures. */
    public enum Grouping { auto, name, none }

    /** Whether to write a file: auto decides by what the recording holds. */
    public enum Toggle { auto, yes, no }

    final ReportAggregates aggregates;
    final boolean samplesFromTlabEvents;
    final String baseline;
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
    final List<Path> recordings;
    /** When the first recording started, in nanoseconds since the epoch; 0 if unknown. */
    final long startNanos;
    /** What the recordings lack that the figures would need (JFR's dropped events), for the page. */
    final List<String> warnings;

    /**
     * @param baseline     the scenario overhead ratios are measured against
     * @param groupBy      whether to write per-name figures
     * @param scenariosCsv whether to write one row per scope
     * @param warnings     what the recordings lack that the figures would need, a sentence each
     */
    public Report(ReportAggregates aggregates, boolean samplesFromTlabEvents, SweepTimes times, Breakdown breakdown,
                  String baseline, Grouping groupBy, Toggle scenariosCsv, List<Path> recordings, long startNanos,
                  List<String> warnings) {
        this.aggregates = aggregates;
        this.samplesFromTlabEvents = samplesFromTlabEvents;
        this.times = times;
        this.breakdown = breakdown;
        this.baseline = baseline;
        this.recordings = List.copyOf(recordings);
        this.startNanos = startNanos;
        this.warnings = List.copyOf(warnings);
        this.scopes = aggregates.rows();
        this.rows = OverheadRatios.against(baseline, scopes);
        this.sweep = aggregates.rowsComplete()
                && scopes.stream().anyMatch(s -> s.figures().size() > 0 && s.figures().hasRetainedBytes());
        this.grouped = groupBy == Grouping.name || (groupBy == Grouping.auto && aggregates.namesRepeat());
        this.scenariosCsv = aggregates.rowsComplete()
                && (scenariosCsv == Toggle.yes || (scenariosCsv == Toggle.auto && !grouped));
        this.byName = grouped ? aggregates.byName() : List.of();
        this.timeSize = sweep ? times.comparisonSize() : Optional.empty();
        this.breakdownSize = breakdown.comparisonSize();
    }

    /**
     * Writes the files into {@code out}, all or none, then prints the summary that names them.
     *
     * @throws OutputProblem when the folder cannot be written: nothing is printed then
     */
    public void publish(Path out, PrintStream stdout) throws OutputProblem {
        List<String> sweepSummary = ReportSummary.sweepLines(this);
        ReportFiles.write(this, sweepSummary, out);
        ReportSummary.print(this, sweepSummary, out, stdout);
    }

    /** The files the report writes, in the order the summary names them. */
    List<String> files() {
        List<String> files = new ArrayList<>();
        if (scenariosCsv) {
            files.add(ReportFiles.SCENARIOS_CSV);
        }
        if (sweep) {
            files.addAll(List.of(ReportFiles.GROWTH_PNG, ReportFiles.OVERHEAD_PNG));
        }
        if (timeSize.isPresent()) {
            files.addAll(List.of(ReportFiles.TIME_PNG, ReportFiles.SPACETIME_PNG));
        }
        if (breakdownSize.isPresent()) {
            files.addAll(List.of(ReportFiles.BREAKDOWN_CSV, ReportFiles.BREAKDOWN_PNG));
        }
        if (grouped) {
            files.addAll(List.of(ReportFiles.SCOPES_CSV, ReportFiles.CLASSES_CSV, ReportFiles.SCOPES_PNG));
        }
        files.addAll(List.of(ReportFiles.REPORT_JSON, ReportFiles.STACKS_COLLAPSED, ReportFiles.ALLOCATIONS_PPROF,
                ReportFiles.INDEX_HTML));
        return files;
    }
}

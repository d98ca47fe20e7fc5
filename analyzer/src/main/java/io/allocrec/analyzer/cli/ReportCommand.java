package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.aggregate.OverheadRatios;
import io.allocrec.analyzer.aggregate.OverheadSummary;
import io.allocrec.analyzer.aggregate.SamplingAccuracy;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.attribute.AttributedScope;
import io.allocrec.analyzer.attribute.SampleAttribution;
import io.allocrec.analyzer.load.JfrRecordingLoader;
import io.allocrec.analyzer.load.LoadedRecording;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.render.OutputFolder;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.ScenarioCsv;
import io.allocrec.analyzer.render.SummaryTable;
import io.allocrec.analyzer.render.SweepCharts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allocrec report}: attributes a recording's allocations to its scenarios and writes
 * {@code scenarios.csv}, {@code growth.png} and {@code overhead.png}, then prints a summary.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads a JFR recording made with allocrec scenarios, attributes each allocation sample to the "
                    + "scenario that encloses it on its thread, and writes DIR/scenarios.csv, DIR/growth.png "
                    + "and DIR/overhead.png. Exact figures (allocated, retained) and sampled ones "
                    + "(sampled_bytes, samples) are kept apart."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:report written",
            "1:internal error (a bug: please report it with the stack trace)",
            "2:bad command line",
            "3:a recording is missing, empty, not a JFR file, truncated or otherwise unreadable",
            "4:a recording lacks the events the report needs (allocrec.Scenario)",
            "5:the output folder cannot be created or written"})
public final class ReportCommand implements Callable<Integer> {

    static final String SCENARIOS_CSV = "scenarios.csv";
    static final String GROWTH_PNG = "growth.png";
    static final String OVERHEAD_PNG = "overhead.png";

    @Parameters(index = "0", paramLabel = "RECORDING.jfr", description = "The recording to analyse.")
    Path recording;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the report's files.")
    Path out;

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Scenario the overhead ratio is measured against (default: ${DEFAULT-VALUE}).")
    String baseline = OverheadRatios.DEFAULT_BASELINE;

    private final PrintStream stdout;
    private final PrintStream stderr;

    ReportCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        try {
            OutputFolder.checkWritable(out);
            LoadedRecording loaded = JfrRecordingLoader.load(List.of(recording));
            if (loaded.sampleCount() == 0) {
                stderr.println("allocrec report: warning: " + recording
                        + " has no jdk.ObjectAllocationSample events: sampled_bytes and samples are all 0");
            }
            List<AttributedScope> scopes = SampleAttribution.attribute(loaded);
            List<ScenarioRow> rows = OverheadRatios.against(baseline, scopes);
            writeReport(rows);
            SummaryTable.print(OverheadSummary.of(rows), baseline,
                    SamplingAccuracy.of(scopes, SamplingAccuracy.DEFAULT_THRESHOLD), stdout);
            stdout.println("Wrote " + out.resolve(SCENARIOS_CSV) + ", " + out.resolve(GROWTH_PNG)
                    + " and " + out.resolve(OVERHEAD_PNG));
            return ExitCodes.OK;
        } catch (RecordingProblem e) {
            stderr.println("allocrec report: " + e.getMessage());
            return e.exitCode();
        } catch (OutputProblem e) {
            stderr.println("allocrec report: " + e.getMessage());
            return ExitCodes.OUTPUT_NOT_WRITABLE;
        }
    }

    private void writeReport(List<ScenarioRow> rows) throws OutputProblem {
        try (OutputFolder folder = OutputFolder.open(out)) {
            try (Writer csv = new OutputStreamWriter(folder.create(SCENARIOS_CSV), StandardCharsets.UTF_8)) {
                ScenarioCsv.write(rows, csv);
            }
            try (OutputStream growth = folder.create(GROWTH_PNG)) {
                SweepCharts.writeGrowth(rows, growth);
            }
            try (OutputStream overhead = folder.create(OVERHEAD_PNG)) {
                SweepCharts.writeOverhead(rows, baseline, overhead);
            }
            folder.commit();
        } catch (IOException e) {
            throw new OutputProblem(out + ": cannot be written: " + e.getMessage());
        }
    }

}

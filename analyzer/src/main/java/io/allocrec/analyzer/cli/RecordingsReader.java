package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.load.ChunkSpan;
import io.allocrec.analyzer.load.RecordingFile;
import io.allocrec.analyzer.load.RecordingFiles;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.exit.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one set of recordings (files or folders of them) into one analysis, with a progress line
 * on a terminal; what {@code report}, {@code diff} and {@code check} share.
 */
final class RecordingsReader {

    private final String command;
    private final PrintStream stderr;
    private final boolean skipBad;
    private long startNanos;

    /**
     * @param command the command's name, for messages
     * @param skipBad leave out unreadable recordings (each named) instead of failing
     */
    RecordingsReader(String command, PrintStream stderr, boolean skipBad) {
        this.command = command;
        this.stderr = stderr;
        this.skipBad = skipBad;
    }

    RecordingAnalysis.Result read(List<Path> recordings, ScopeSelection selection) throws RecordingProblem {
        List<RecordingFile> files = RecordingFiles.resolve(recordings, skipBad,
                line -> stderr.println(PrintableText.of(line)));
        long totalBytes = files.stream().flatMap(f -> f.chunks().stream()).mapToLong(ChunkSpan::size).sum();
        startNanos = files.stream().flatMap(f -> f.chunks().stream()).mapToLong(ChunkSpan::startNanos)
                .filter(start -> start > 0).min().orElse(0);
        return analyse(files, selection, totalBytes);
    }

    /** When the earliest chunk read last started, epoch nanoseconds; 0 when no header says. */
    long startNanos() {
        return startNanos;
    }

    /**
     * A file the parser rejects half-way has already been partly attributed, so with --skip-bad
     * the whole analysis starts again without it (each such file is named).
     */
    private RecordingAnalysis.Result analyse(List<RecordingFile> files, ScopeSelection selection, long totalBytes)
            throws RecordingProblem {
        List<RecordingFile> remaining = new ArrayList<>(files);
        while (true) {
            AtomicLong parsed = new AtomicLong();
            AtomicLong bytesRead = new AtomicLong();
            RecordingAnalysis.Result result;
            try (ProgressLine progress = ProgressLine.start(stderr, command, bytesRead, totalBytes)) {
                result = new RecordingAnalysis(selection, Runtime.getRuntime().availableProcessors())
                        .run(remaining, parsed, bytesRead);
            } catch (RecordingProblem problem) {
                Path bad = problem.file().orElse(null);
                boolean skippable = skipBad && problem.exitCode() == ExitCodes.UNREADABLE && bad != null
                        && remaining.size() > 1 && remaining.removeIf(file -> file.path().equals(bad));
                if (!skippable) {
                    throw remaining.size() > 1 && !skipBad && bad != null
                            ? new RecordingProblem(problem.exitCode(), problem.getMessage()
                                    + " (nothing analysed; --skip-bad leaves bad files out)", bad)
                            : problem;
                }
                stderr.println(PrintableText.of("allocrec " + command + ": skipping " + problem.getMessage()));
                continue;
            }
            // Named, not hidden: the JMC parser is several times slower, and a chunk it reads that
            // the direct reader should have read is a bug of ours.
            result.leftToJmc().forEach(line -> stderr.println(PrintableText.of("allocrec " + command + ": " + line)));
            return result;
        }
    }

    /**
     * Warns, in one line naming the command, of what JFR's jdk.DataLoss events say it dropped, and
     * gives the sentence for the command's page; empty when it dropped nothing. What it dropped is
     * missing from every figure, exact ones included.
     */
    Optional<String> warnOfDataLoss(RecordingAnalysis.Result result) {
        return warnOfDataLoss(result, null);
    }

    /** {@link #warnOfDataLoss(RecordingAnalysis.Result)} for one side of several, named in the line. */
    Optional<String> warnOfDataLoss(RecordingAnalysis.Result result, String side) {
        if (result.dataLosses() == 0) {
            return Optional.empty();
        }
        String loss = String.format(Locale.ROOT, "JFR dropped events it could not write in time (%,d "
                        + "jdk.DataLoss event%s, at least %,d bytes of events): the scopes and samples among them are "
                        + "in no figure; record with more JFR memory (-XX:FlightRecorderOptions:memorysize=...)",
                result.dataLosses(), result.dataLosses() == 1 ? "" : "s", result.lostAtLeast());
        stderr.println("allocrec " + command + ": warning" + (side == null ? "" : ", " + side) + ": " + loss);
        return Optional.of(loss);
    }

    /** The scope selection of --scope-event and --label, as report, diff and check take them. */
    static ScopeSelection selection(String scopeEvent, String label) {
        if (scopeEvent == null) {
            return label == null ? ScopeSelection.scenarios() : new ScopeSelection(ScopeSelection.SCENARIO_TYPE, label);
        }
        return new ScopeSelection(scopeEvent, label);
    }
}

package io.allocrec.analyzer.pipeline;

import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.attribute.Attribution;
import io.allocrec.analyzer.attribute.CallCountEstimator;
import io.allocrec.analyzer.load.ChunkEvents;
import io.allocrec.analyzer.load.ChunkPipeline;
import io.allocrec.analyzer.load.ClassShare;
import io.allocrec.analyzer.load.EventTypeInfo;
import io.allocrec.analyzer.load.RecordingFile;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.load.StackTable;
import io.allocrec.analyzer.load.StringIds;
import io.allocrec.analyzer.load.SweepTiming;
import io.allocrec.exit.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reads the recording files chunk by chunk (parsed on several threads) and attributes each chunk
 * as it comes, keeping only aggregates: the whole analysis of a report, before anything is
 * written. Refuses, as early as it can tell, a recording that lacks what the report needs.
 */
public final class RecordingAnalysis {

    /**
     * Chunks whose intervals the estimator takes, at about this many evenly spread: millions of
     * intervals add little to its precision and cost the report's time.
     */
    static final int ESTIMATED_CHUNKS = 8;

    private final ScopeSelection selection;
    private final int threads;
    private final Map<String, EventTypeInfo> types = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long scopesWithDuration;
    private boolean tlabSamples;
    private final List<SweepTiming> timings = new ArrayList<>();
    private final List<ClassShare> breakdown = new ArrayList<>();
    private final List<String> leftToJmc = new ArrayList<>();
    private long dataLosses;
    private long lostAtLeast;

    /**
     * @param threads how many chunks to parse at once
     */
    public RecordingAnalysis(ScopeSelection selection, int threads) {
        this.selection = selection;
        this.threads = threads;
    }

    /** What the analysis found, for the report. */
    /**
     * @param timings   a sweep's time per element ({@code allocrec.Timing} events), in recording order
     * @param breakdown a sweep's retained bytes per class ({@code allocrec.Breakdown} events)
     * @param leftToJmc one line per chunk of the direct reader's format that the JMC parser read, and why
     * @param dataLosses  the recordings' jdk.DataLoss events: JFR dropped events it could not write in time
     * @param lostAtLeast the bytes of events those say were dropped, added up: the least the loss can be
     */
    public record Result(ReportAggregates aggregates, StackTable stacks, boolean samplesFromTlabEvents,
                         List<SweepTiming> timings, List<ClassShare> breakdown, List<String> leftToJmc,
                         long dataLosses, long lostAtLeast) {
    }

    /**
     * @param parsedEvents counts the events parsed, for a progress line
     * @param bytesRead    counts the bytes of chunks parsed, likewise
     */
    public Result run(List<RecordingFile> files, AtomicLong parsedEvents, AtomicLong bytesRead)
            throws RecordingProblem {
        StringIds scopeNames = new StringIds();
        StackTable stacks = new StackTable();
        ReportAggregates aggregates = new ReportAggregates(scopeNames, stacks);
        CallCountEstimator estimator = new CallCountEstimator();
        int chunks = files.stream().mapToInt(file -> file.chunks().size()).sum();
        Attribution attribution = new Attribution(aggregates, estimator, (chunks + ESTIMATED_CHUNKS - 1) / ESTIMATED_CHUNKS);
        ChunkPipeline pipeline = new ChunkPipeline(selection, scopeNames, stacks, parsedEvents, bytesRead, threads);
        pipeline.run(files, chunk -> {
            take(chunk, files);
            attribution.accept(chunk);
            chunk.release();
        });
        attribution.finish();
        checkScopesFound(files);
        aggregates.estimates(estimator.estimates());
        return new Result(aggregates, stacks, tlabSamples, List.copyOf(timings), List.copyOf(breakdown),
                List.copyOf(leftToJmc), dataLosses, lostAtLeast);
    }

    private void take(ChunkEvents chunk, List<RecordingFile> files) throws RecordingProblem {
        chunk.types().forEach(types::putIfAbsent);
        chunk.eventCounts().forEach((type, count) -> counts.merge(type, count, Long::sum));
        scopesWithDuration += chunk.scopesWithDuration();
        tlabSamples |= chunk.samplesFromTlabEvents();
        timings.addAll(chunk.timings());
        breakdown.addAll(chunk.classShares());
        chunk.leftToJmc().ifPresent(leftToJmc::add);
        dataLosses += chunk.dataLosses();
        lostAtLeast += chunk.lostAtLeast();
        EventTypeInfo scopeType = chunk.types().get(selection.eventType());
        if (scopeType != null) {
            checkScopeType(scopeType, files);
        }
    }

    /** The scope type must be a duration event, and its label field a plain value. */
    private void checkScopeType(EventTypeInfo type, List<RecordingFile> files) throws RecordingProblem {
        if (!type.hasDuration()) {
            throw new RecordingProblem(ExitCodes.MISSING_EVENTS, describe(files) + ": " + type.name()
                    + " is an instant event (it has no duration), so it cannot be a scope; duration event types: "
                    + durationTypes());
        }
        String label = selection.labelField();
        if (label != null && !type.fields().contains(label)) {
            throw new RecordingProblem(ExitCodes.MISSING_EVENTS, describe(files) + ": " + type.name()
                    + " has no field '" + label + "'; fields that can name a scope: " + String.join(", ", type.plainFields()));
        }
        if (label != null && !type.plainFields().contains(label)) {
            throw new RecordingProblem(ExitCodes.MISSING_EVENTS, describe(files) + ": field '" + label + "' of "
                    + type.name() + " is not a plain value (a stack trace or a thread cannot name a scope); fields that can: "
                    + String.join(", ", type.plainFields()));
        }
    }

    private void checkScopesFound(List<RecordingFile> files) throws RecordingProblem {
        String type = selection.eventType();
        if (counts.getOrDefault(type, 0L) == 0) {
            throw new RecordingProblem(ExitCodes.MISSING_EVENTS, describe(files) + ": no " + type
                    + " events; duration event types it has: " + durationTypes()
                    + (selection.isScenarioEvent() ? " (use --scope-event TYPE to take one of them as scopes)" : ""));
        }
        if (scopesWithDuration == 0 && !selection.isScenarioEvent()) {
            throw new RecordingProblem(ExitCodes.MISSING_EVENTS, describe(files) + ": every " + type
                    + " event has a duration of 0, so none can be a scope (an instant event); duration event types: "
                    + durationTypes());
        }
    }

    /** The duration event types with events, and how many, for messages. */
    private String durationTypes() {
        String listed = types.values().stream()
                .filter(EventTypeInfo::hasDuration)
                .filter(info -> counts.getOrDefault(info.name(), 0L) > 0)
                .filter(info -> !info.name().equals(selection.eventType()))
                .map(info -> info.name() + " (" + counts.get(info.name()) + ")")
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "none" : listed;
    }

    private static String describe(List<RecordingFile> files) {
        if (files.size() == 1) {
            return files.get(0).path().toString();
        }
        return files.size() + " recordings (" + files.get(0).path() + ", ...)";
    }
}

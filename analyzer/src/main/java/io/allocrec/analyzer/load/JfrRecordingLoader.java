package io.allocrec.analyzer.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * Reads recordings with the JDK Mission Control parser, streaming: a {@link RecordingCapture}
 * keeps the scopes and allocation samples as plain values and drops every event on the spot.
 * Bad input is detected here and reported as a {@link RecordingProblem}.
 */
public final class JfrRecordingLoader {

    /**
     * JMC logs through java.util.logging, for example a warning per JDK 25 recording about a
     * thread field it does not know: parser chatter, not the user's business. Held here so the
     * setting is not garbage collected with the logger.
     */
    private static final Logger JMC_LOG = Logger.getLogger("org.openjdk.jmc");

    static {
        // One chunk at a time: the samples of a thread then arrive in time order, and memory
        // stays at one chunk's worth however many processors there are.
        System.setProperty("org.openjdk.jmc.flightrecorder.parser.singlethreaded", "true");
        JMC_LOG.setLevel(Level.SEVERE);
    }

    private JfrRecordingLoader() {
    }

    /**
     * Loads the files (already checked by {@link RecordingFiles}) as one recording.
     *
     * @param parsedEvents counts events as they are parsed, for a progress line
     */
    public static LoadedRecording load(List<Path> files, ScopeSelection selection, AtomicLong parsedEvents)
            throws RecordingProblem {
        RecordingCapture capture = new RecordingCapture(selection, parsedEvents);
        parse(files, capture);
        checkScopesFound(files, selection, capture);
        capture.scopes.sort(ScopeEvent.NESTING_ORDER);
        capture.samples.values().forEach(ThreadSamples::sort);
        return new LoadedRecording(selection, List.copyOf(capture.scopes), Map.copyOf(capture.samples),
                capture.allocationKeys, capture.pauses.toArray(long[][]::new),
                Map.copyOf(capture.threadStarts));
    }

    private static void parse(List<Path> files, RecordingCapture capture) throws RecordingProblem {
        List<File> asFiles = files.stream().map(Path::toFile).toList();
        try {
            JfrLoaderToolkit.loadEvents(asFiles, List.of(capture));
        } catch (RecordingCapture.HeapExhausted e) {
            throw new OutOfMemoryError("recording does not fit in the heap");
        } catch (IOException | CouldNotLoadRecordingException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RecordingProblem(RecordingProblem.UNREADABLE,
                    describe(files) + ": cannot be parsed as a JFR recording: " + reason);
        }
    }

    private static void checkScopesFound(List<Path> files, ScopeSelection selection, RecordingCapture capture)
            throws RecordingProblem {
        String type = selection.eventType();
        if (selection.labelField() != null && capture.fieldsByType.containsKey(type)
                && !capture.fieldsByType.get(type).contains(selection.labelField())) {
            throw new RecordingProblem(RecordingProblem.MISSING_EVENTS, describe(files) + ": " + type
                    + " has no field '" + selection.labelField() + "'; its fields: "
                    + String.join(", ", capture.fieldsByType.get(type)));
        }
        if (capture.scopes.isEmpty()) {
            throw new RecordingProblem(RecordingProblem.MISSING_EVENTS, describe(files) + ": no " + type
                    + " events; duration event types it has: " + durationTypesWithEvents(capture)
                    + (selection.isScenarioEvent() ? " (use --scope-event TYPE to take one of them as scopes)" : ""));
        }
    }

    private static String durationTypesWithEvents(RecordingCapture capture) {
        Map<String, Long> counts = capture.eventCounts();
        String types = capture.fieldsByType.entrySet().stream()
                .filter(entry -> entry.getValue().contains("duration"))
                .filter(entry -> counts.getOrDefault(entry.getKey(), 0L) > 0)
                .map(entry -> entry.getKey() + " (" + counts.get(entry.getKey()) + ")")
                .collect(Collectors.joining(", "));
        return types.isEmpty() ? "none" : types;
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " recordings";
    }
}

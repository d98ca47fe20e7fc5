package io.allocrec.analyzer.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.jdk.JdkAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkTypeIDs;

/**
 * Loads recordings with the JDK Mission Control parser and extracts the scope events and the
 * allocation samples as plain values. Bad input is detected here and reported as a
 * {@link RecordingProblem}.
 */
public final class JfrRecordingLoader {

    /** The event type the recorder writes. */
    public static final String SCENARIO_TYPE = "allocrec.Scenario";


    /** Stop-the-world collection pauses, during which no thread allocates. */
    private static final String GC_PAUSE_TYPE = "jdk.GCPhasePause";

    /** Thread starts: a new thread's first sample counts its bytes since it started. */
    private static final String THREAD_START_TYPE = "jdk.ThreadStart";

    private JfrRecordingLoader() {
    }

    /** Loads the files as one recording. */
    public static LoadedRecording load(List<Path> files) throws RecordingProblem {
        for (Path file : files) {
            ChunkCheck.check(file);
        }
        IItemCollection events = parse(files);
        List<ScopeEvent> scopes = scopes(events);
        if (scopes.isEmpty()) {
            throw new RecordingProblem(RecordingProblem.MISSING_EVENTS, describe(files) + ": no " + SCENARIO_TYPE
                    + " events; duration event types it has: " + durationTypes(events));
        }
        Map<String, ThreadSamples> samples = samples(events);
        long start = events.getUnfilteredTimeRanges().stream()
                .mapToLong(range -> range.getStart().clampedLongValueIn(UnitLookup.EPOCH_NS))
                .min().orElse(scopes.get(0).startNanos());
        return new LoadedRecording(scopes, samples, start, pauses(events), threadStarts(events));
    }

    private static IItemCollection parse(List<Path> files) throws RecordingProblem {
        List<File> asFiles = files.stream().map(Path::toFile).toList();
        try {
            return JfrLoaderToolkit.loadEvents(asFiles);
        } catch (IOException | CouldNotLoadRecordingException | RuntimeException e) {
            throw new RecordingProblem(RecordingProblem.UNREADABLE,
                    describe(files) + ": cannot be parsed as a JFR recording: " + e.getMessage());
        }
    }

    private static List<ScopeEvent> scopes(IItemCollection events) {
        List<ScopeEvent> scopes = new ArrayList<>();
        for (IItemIterable items : events.apply(ItemFilters.type(SCENARIO_TYPE))) {
            IType<IItem> type = items.getType();
            IMemberAccessor<IQuantity, IItem> start = JfrAttributes.START_TIME.getAccessor(type);
            IMemberAccessor<IQuantity, IItem> end = JfrAttributes.END_TIME.getAccessor(type);
            IMemberAccessor<IMCThread, IItem> thread = JfrAttributes.EVENT_THREAD.getAccessor(type);
            EventFields fields = new EventFields(type);
            IMemberAccessor<?, IItem> name = fields.accessor("name");
            IMemberAccessor<?, IItem> size = fields.accessor("size");
            IMemberAccessor<?, IItem> payload = fields.accessor("payloadBytes");
            IMemberAccessor<?, IItem> allocated = fields.accessor("allocatedBytes");
            IMemberAccessor<?, IItem> retained = fields.accessor("retainedBytes");
            for (IItem item : items) {
                IMCThread eventThread = thread.getMember(item);
                scopes.add(new ScopeEvent(
                        EventFields.text(name, item, ""),
                        EventFields.longValue(size, item, 0),
                        EventFields.longValue(payload, item, 0),
                        EventFields.longValue(allocated, item, ScopeEvent.UNKNOWN),
                        EventFields.longValue(retained, item, ScopeEvent.UNKNOWN),
                        threadKey(eventThread),
                        eventThread == null ? "" : eventThread.getThreadName(),
                        start.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS),
                        end.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS)));
            }
        }
        scopes.sort(Comparator.comparingLong(ScopeEvent::startNanos).thenComparingLong(ScopeEvent::endNanos));
        return scopes;
    }

    private static Map<String, ThreadSamples> samples(IItemCollection events) {
        Map<String, ThreadSamples> byThread = new HashMap<>();
        for (IItemIterable items : events.apply(ItemFilters.type(JdkTypeIDs.OBJ_ALLOC_SAMPLE))) {
            IType<IItem> type = items.getType();
            IMemberAccessor<IQuantity, IItem> time = JfrAttributes.END_TIME.getAccessor(type);
            IMemberAccessor<IMCThread, IItem> thread = JfrAttributes.EVENT_THREAD.getAccessor(type);
            IMemberAccessor<IQuantity, IItem> weight = JdkAttributes.SAMPLE_WEIGHT.getAccessor(type);
            if (time == null || thread == null || weight == null) {
                continue;
            }
            for (IItem item : items) {
                byThread.computeIfAbsent(threadKey(thread.getMember(item)), key -> new ThreadSamples())
                        .add(time.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS),
                                weight.getMember(item).clampedLongValueIn(UnitLookup.BYTE));
            }
        }
        byThread.values().forEach(ThreadSamples::sort);
        return byThread;
    }

    private static long[][] pauses(IItemCollection events) {
        List<long[]> pauses = new ArrayList<>();
        for (IItemIterable items : events.apply(ItemFilters.type(GC_PAUSE_TYPE))) {
            IType<IItem> type = items.getType();
            IMemberAccessor<IQuantity, IItem> start = JfrAttributes.START_TIME.getAccessor(type);
            IMemberAccessor<IQuantity, IItem> end = JfrAttributes.END_TIME.getAccessor(type);
            for (IItem item : items) {
                pauses.add(new long[] {
                    start.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS),
                    end.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS)});
            }
        }
        return pauses.toArray(long[][]::new);
    }

    private static Map<String, Long> threadStarts(IItemCollection events) {
        Map<String, Long> starts = new HashMap<>();
        for (IItemIterable items : events.apply(ItemFilters.type(THREAD_START_TYPE))) {
            IType<IItem> type = items.getType();
            IMemberAccessor<IQuantity, IItem> time = JfrAttributes.START_TIME.getAccessor(type);
            IMemberAccessor<?, IItem> thread = new EventFields(type).accessor("thread");
            if (thread == null) {
                continue;
            }
            for (IItem item : items) {
                if (thread.getMember(item) instanceof IMCThread started) {
                    starts.put(threadKey(started), time.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS));
                }
            }
        }
        return starts;
    }

    /** A key that tells threads apart: the Java thread id where there is one. */
    static String threadKey(IMCThread thread) {
        if (thread == null) {
            return "none";
        }
        Long id = thread.getThreadId();
        return id != null ? "java:" + id : "name:" + thread.getThreadName();
    }

    private static String durationTypes(IItemCollection events) {
        TreeSet<String> types = new TreeSet<>();
        for (IItemIterable items : events) {
            IType<IItem> type = items.getType();
            if (type.hasAttribute(JfrAttributes.DURATION) && items.hasItems()) {
                types.add(type.getIdentifier());
            }
        }
        return types.isEmpty() ? "none" : String.join(", ", types);
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " recordings";
    }
}

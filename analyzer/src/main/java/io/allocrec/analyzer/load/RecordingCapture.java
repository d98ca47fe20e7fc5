package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * A JMC parser extension that takes what the analysis needs from each event as it is parsed
 * and keeps nothing else: scopes, allocation samples (as primitive arrays), collection pauses
 * and thread starts. No event is handed on to JMC's own store, so a recording of hundreds of
 * megabytes is read in a small, steady amount of memory. Counts every event type it sees, so
 * error messages can say what a recording does contain.
 *
 * <p>JMC parses chunks on a pool thread; the loader asks for one chunk at a time, and each
 * sink here is used by one thread, but the shared tables are guarded anyway.
 */
final class RecordingCapture implements IParserExtension {

    private static final String SAMPLE_TYPE = "jdk.ObjectAllocationSample";
    private static final String PAUSE_TYPE = "jdk.GCPhasePause";
    private static final String THREAD_START_TYPE = "jdk.ThreadStart";

    private final ScopeSelection selection;
    private final AtomicLong events;

    final List<ScopeEvent> scopes = new ArrayList<>();
    final Map<String, ThreadSamples> samples = new HashMap<>();
    final List<long[]> pauses = new ArrayList<>();
    final Map<String, Long> threadStarts = new HashMap<>();
    final AllocationKeys allocationKeys = new AllocationKeys();
    /** Per event type: its field identifiers. */
    final Map<String, List<String>> fieldsByType = new TreeMap<>();
    private final List<CountingSink> counters = new ArrayList<>();

    /** @param events counts every parsed event, for the progress line */
    RecordingCapture(ScopeSelection selection, AtomicLong events) {
        this.selection = selection;
        this.events = events;
    }

    @Override
    public IEventSinkFactory getEventSinkFactory(IEventSinkFactory next) {
        return new IEventSinkFactory() {
            @Override
            public IEventSink create(String identifier, String label, String[] category, String description,
                                     List<ValueField> fields) {
                return sinkFor(identifier, new FieldIndex(fields));
            }

            @Override
            public void flush() {
                next.flush();
            }
        };
    }

    private synchronized IEventSink sinkFor(String type, FieldIndex fields) {
        fieldsByType.putIfAbsent(type, fields.identifiers());
        IEventSink capture;
        if (type.equals(selection.eventType())) {
            capture = new ScopeSink(fields);
        } else if (type.equals(SAMPLE_TYPE)) {
            capture = new SampleSink(fields);
        } else if (type.equals(PAUSE_TYPE)) {
            capture = pauseSink(fields);
        } else if (type.equals(THREAD_START_TYPE)) {
            capture = threadStartSink(fields);
        } else {
            capture = values -> { };
        }
        CountingSink counting = new CountingSink(type, capture);
        counters.add(counting);
        return counting;
    }

    /** Events of each type that had any, for error messages. */
    synchronized Map<String, Long> eventCounts() {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach(c -> counts.merge(c.type, c.count, Long::sum));
        return counts;
    }

    /**
     * Counts a type's events, then hands the event on. One per chunk and type, used by one
     * parsing thread: a plain field, and the shared progress counter is bumped in batches.
     */
    private final class CountingSink implements IEventSink {
        private static final int BATCH = 4096;
        final String type;
        private final IEventSink capture;
        long count;

        CountingSink(String type, IEventSink capture) {
            this.type = type;
            this.capture = capture;
        }

        @Override
        public void addEvent(Object[] values) {
            try {
                if (++count % BATCH == 0) {
                    events.addAndGet(BATCH);
                }
                capture.addEvent(values);
            } catch (OutOfMemoryError e) {
                // JMC's parsing thread would die on an Error and leave the load waiting forever;
                // an exception ends the load, and the loader turns it back into the Error.
                throw new HeapExhausted();
            }
        }
    }

    /** The heap ran out while events were taken; see {@link CountingSink#addEvent}. */
    static final class HeapExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeapExhausted() {
            super("out of heap", null, false, false);
        }
    }

    private IEventSink pauseSink(FieldIndex fields) {
        int start = fields.index("startTime");
        int duration = fields.index("duration");
        return values -> {
            long begin = FieldIndex.epochNanos(values, start);
            synchronized (pauses) {
                pauses.add(new long[] {begin, begin + FieldIndex.nanos(values, duration)});
            }
        };
    }

    private IEventSink threadStartSink(FieldIndex fields) {
        int start = fields.index("startTime");
        int thread = fields.index("thread");
        return values -> {
            if (thread >= 0 && values[thread] instanceof IMCThread started) {
                synchronized (threadStarts) {
                    threadStarts.put(ThreadKeys.of(started), FieldIndex.epochNanos(values, start));
                }
            }
        };
    }

    /** Turns each scope event into a {@link ScopeEvent}. */
    private final class ScopeSink implements IEventSink {
        private final int start;
        private final int duration;
        private final int thread;
        private final int label;
        private final int size;
        private final int payload;
        private final int allocated;
        private final int retained;

        ScopeSink(FieldIndex fields) {
            start = fields.index("startTime");
            duration = fields.index("duration");
            thread = fields.index("eventThread");
            label = selection.labelField() == null ? -1 : fields.index(selection.labelField());
            boolean scenario = selection.isScenarioEvent();
            size = scenario ? fields.index("size") : -1;
            payload = scenario ? fields.index("payloadBytes") : -1;
            allocated = scenario ? fields.index("allocatedBytes") : -1;
            retained = scenario ? fields.index("retainedBytes") : -1;
        }

        @Override
        public void addEvent(Object[] values) {
            long begin = FieldIndex.epochNanos(values, start);
            IMCThread eventThread = thread >= 0 && values[thread] instanceof IMCThread t ? t : null;
            String name = label >= 0 ? FieldIndex.text(values[label]) : selection.eventType();
            ScopeEvent scope = new ScopeEvent(name,
                    FieldIndex.longValue(values, size, 0),
                    FieldIndex.longValue(values, payload, 0),
                    FieldIndex.longValue(values, allocated, ScopeEvent.UNKNOWN),
                    FieldIndex.longValue(values, retained, ScopeEvent.UNKNOWN),
                    ThreadKeys.of(eventThread),
                    eventThread == null ? "" : eventThread.getThreadName(),
                    begin,
                    begin + FieldIndex.nanos(values, duration));
            synchronized (scopes) {
                scopes.add(scope);
            }
        }
    }

    /**
     * Appends each allocation sample to its thread's columns. The thread, class and stack trace
     * of a sample are objects pooled per chunk, so their ids are cached by identity, and the
     * last thread is remembered: samples of one thread come in runs.
     */
    private final class SampleSink implements IEventSink {
        private final int start;
        private final int thread;
        private final int weight;
        private final int objectClass;
        private final int stackTrace;
        private final Map<IMCType, Integer> classIds = new IdentityHashMap<>();
        private final Map<IMCStackTrace, int[]> keyBySite = new IdentityHashMap<>(); // {classId, key}
        private IMCThread lastThread;
        private ThreadSamples lastSeries;

        SampleSink(FieldIndex fields) {
            start = fields.index("startTime");
            thread = fields.index("eventThread");
            weight = fields.index("weight");
            objectClass = fields.index("objectClass");
            stackTrace = fields.index("stackTrace");
        }

        @Override
        public void addEvent(Object[] values) {
            IMCThread eventThread = thread >= 0 && values[thread] instanceof IMCThread t ? t : null;
            if (eventThread != lastThread || lastSeries == null) {
                lastThread = eventThread;
                lastSeries = samplesOf(eventThread);
            }
            int key = allocationKey(values);
            synchronized (lastSeries) {
                lastSeries.add(FieldIndex.epochNanos(values, start), FieldIndex.bytes(values, weight), key);
            }
        }

        private int allocationKey(Object[] values) {
            IMCType type = objectClass >= 0 && values[objectClass] instanceof IMCType t ? t : null;
            Integer classId = classIds.get(type);
            if (classId == null) {
                classId = classId(type);
                classIds.put(type, classId);
            }
            IMCStackTrace trace = stackTrace >= 0 && values[stackTrace] instanceof IMCStackTrace st ? st : null;
            int[] cached = keyBySite.get(trace);
            if (cached == null || cached[0] != classId) {
                cached = new int[] {classId, keyOf(classId, trace)};
                keyBySite.put(trace, cached);
            }
            return cached[1];
        }
    }

    private synchronized ThreadSamples samplesOf(IMCThread thread) {
        return samples.computeIfAbsent(ThreadKeys.of(thread), key -> new ThreadSamples());
    }

    private synchronized int classId(IMCType type) {
        return allocationKeys.classes().id(type == null ? "(unknown)" : type.getFullName());
    }

    private synchronized int keyOf(int classId, IMCStackTrace trace) {
        return allocationKeys.id(classId, trace == null ? AllocationKeys.NO_SITE : siteId(trace));
    }

    /**
     * The allocation site of a stack trace: its first frame in application code (outside the
     * JDK's packages), which is where a user can change something; the top frame when every
     * frame is in the JDK.
     */
    private int siteId(IMCStackTrace trace) {
        List<? extends IMCFrame> frames = trace.getFrames();
        if (frames.isEmpty()) {
            return AllocationKeys.NO_SITE;
        }
        IMCFrame site = frames.get(0);
        for (IMCFrame frame : frames) {
            if (!isJdk(frame.getMethod())) {
                site = frame;
                break;
            }
        }
        return allocationKeys.sites().id(FieldIndex.describe(site));
    }

    private static boolean isJdk(IMCMethod method) {
        String type = method == null || method.getType() == null ? "" : method.getType().getFullName();
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }
}

package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.unit.ContentType;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * A JMC parser extension for one chunk: it takes from each event what the analysis needs into a
 * {@link ChunkEvents} and hands nothing on to JMC's own store. Used by one parsing thread.
 *
 * <p>Code of ours that fails while JMC calls it is a bug, not a damaged file: such a failure is
 * wrapped in {@link AnalyzerBug} so that it is not mistaken for the parser's complaint.
 */
final class ChunkCapture implements IParserExtension {

    static final String SAMPLE_TYPE = "jdk.ObjectAllocationSample";
    static final String IN_NEW_TLAB_TYPE = "jdk.ObjectAllocationInNewTLAB";
    static final String OUTSIDE_TLAB_TYPE = "jdk.ObjectAllocationOutsideTLAB";
    private static final String PAUSE_TYPE = "jdk.GCPhasePause";
    private static final String THREAD_START_TYPE = "jdk.ThreadStart";
    private static final String THREAD_END_TYPE = "jdk.ThreadEnd";
    private static final String JVM_INFORMATION_TYPE = "jdk.JVMInformation";
    private static final String TIMING_TYPE = "allocrec.Timing";
    private static final String BREAKDOWN_TYPE = "allocrec.Breakdown";

    /** Content types that cannot name a scope: structures, not values. */
    private static final Set<ContentType<?>> NOT_PLAIN = Set.of(UnitLookup.STACKTRACE, UnitLookup.STACKTRACE_FRAME,
            UnitLookup.THREAD, UnitLookup.THREAD_GROUP, UnitLookup.OLD_OBJECT, UnitLookup.OLD_OBJECT_ARRAY,
            UnitLookup.OLD_OBJECT_FIELD, UnitLookup.OLD_OBJECT_GC_ROOT, UnitLookup.UNKNOWN);

    private final ScopeSelection selection;
    private final Names scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;
    private final ChunkEvents events;
    private final List<CountingSink> sinks = new ArrayList<>();
    private final Map<IMCThread, ThreadIdentity> threads = new IdentityHashMap<>();
    // Thread, class, method and stack trace objects are pooled per chunk: ids are cached by identity.
    private final Map<IMCType, Integer> classIds = new IdentityHashMap<>();
    private final Map<IMCMethod, Integer> methodIds = new IdentityHashMap<>();
    private final Map<IMCStackTrace, KeyOfStack> keyByStack = new IdentityHashMap<>();
    /** Events of the scope type with a duration above zero: an instant type has none. */
    long scopesWithDuration;

    ChunkCapture(ScopeSelection selection, Names scopeNames, StackTable stacks, AtomicLong parsedEvents,
                 ChunkEvents events) {
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
        this.events = events;
    }

    ChunkEvents events() {
        return events;
    }

    /** Called once the parser is done with the chunk. */
    void finish() {
        for (CountingSink sink : sinks) {
            events.type(sink.type, sink.count);
            parsedEvents.addAndGet(sink.count % CountingSink.BATCH);
        }
        events.finish();
    }

    @Override
    public IEventSinkFactory getEventSinkFactory(IEventSinkFactory next) {
        return new IEventSinkFactory() {
            @Override
            public IEventSink create(String identifier, String label, String[] category, String description,
                                     List<ValueField> fields) {
                try {
                    return sinkFor(identifier, fields);
                } catch (RuntimeException e) {
                    throw AnalyzerBug.unlessFromParser(e);
                }
            }

            @Override
            public void flush() {
                next.flush();
            }
        };
    }

    private IEventSink sinkFor(String declaredType, List<ValueField> fieldList) {
        String type = declaredType == null ? "(unnamed type)" : declaredType; // damaged metadata
        FieldIndex fields = new FieldIndex(fieldList);
        List<String> plain = fieldList.stream().filter(f -> !NOT_PLAIN.contains(f.getContentType()))
                .map(ValueField::getIdentifier).toList();
        EventTypeInfo info = new EventTypeInfo(type, fields.identifiers(), plain);
        IEventSink capture;
        if (type.equals(selection.eventType())) {
            capture = new ScopeSink(fields);
        } else if (type.equals(SAMPLE_TYPE)) {
            capture = new SampleSink(fields, "weight", false);
        } else if (type.equals(IN_NEW_TLAB_TYPE)) {
            capture = new SampleSink(fields, "tlabSize", true);
        } else if (type.equals(OUTSIDE_TLAB_TYPE)) {
            capture = new SampleSink(fields, "allocationSize", true);
        } else if (type.equals(PAUSE_TYPE)) {
            capture = pauseSink(fields);
        } else if (type.equals(THREAD_START_TYPE)) {
            capture = threadSink(fields, true);
        } else if (type.equals(THREAD_END_TYPE)) {
            capture = threadSink(fields, false);
        } else if (type.equals(JVM_INFORMATION_TYPE)) {
            capture = jvmSink(fields);
        } else if (type.equals(TIMING_TYPE)) {
            capture = timingSink(fields);
        } else if (type.equals(BREAKDOWN_TYPE)) {
            capture = breakdownSink(fields);
        } else {
            capture = values -> { };
        }
        CountingSink counting = new CountingSink(info, capture);
        sinks.add(counting);
        return counting;
    }

    /** Counts a type's events and hands each on; our own failure there is a bug. */
    private final class CountingSink implements IEventSink {
        static final int BATCH = 4096;
        final EventTypeInfo type;
        private final IEventSink capture;
        long count;

        CountingSink(EventTypeInfo type, IEventSink capture) {
            this.type = type;
            this.capture = capture;
        }

        @Override
        public void addEvent(Object[] values) {
            if (++count % BATCH == 0) {
                parsedEvents.addAndGet(BATCH);
            }
            try {
                capture.addEvent(values);
            } catch (RuntimeException e) {
                throw AnalyzerBug.unlessFromParser(e);
            }
        }
    }

    private IEventSink pauseSink(FieldIndex fields) {
        DurationFields span = new DurationFields(fields);
        return values -> events.pause(span.start(values), span.end(values));
    }

    /**
     * Where an event's time range is: a start and a duration (JDK 9 on), or a start and an end
     * (JDK 7 and 8, whose instant events have only the end).
     */
    private static final class DurationFields {
        private final int start;
        private final int duration;
        private final int end;

        DurationFields(FieldIndex fields) {
            end = fields.index(FieldIndex.END_TIME_V0);
            int startTime = fields.index("startTime");
            start = startTime >= 0 ? startTime : end;
            duration = fields.index("duration");
        }

        long start(Object[] values) {
            return FieldIndex.epochNanos(values, start);
        }

        long end(Object[] values) {
            if (duration >= 0 || end < 0) {
                return start(values) + FieldIndex.nanos(values, duration);
            }
            return FieldIndex.epochNanos(values, end);
        }
    }

    private IEventSink threadSink(FieldIndex fields, boolean started) {
        DurationFields time = new DurationFields(fields);
        int thread = fields.index("thread");
        return values -> {
            if (thread >= 0 && values[thread] instanceof IMCThread subject) {
                String key = identity(subject).key;
                if (started) {
                    events.threadStart(key, time.start(values));
                } else {
                    events.threadEnd(key);
                }
            }
        };
    }

    private IEventSink jvmSink(FieldIndex fields) {
        int pid = fields.index("pid");
        int started = fields.index("jvmStartTime");
        return values -> {
            long processId = FieldIndex.longValue(values, pid, -1);
            long startTime = FieldIndex.epochNanos(values, started);
            if (processId >= 0 || startTime != 0) {
                events.jvm("pid " + processId + " started at " + startTime);
            }
        };
    }

    private IEventSink timingSink(FieldIndex fields) {
        int scenario = fields.index("scenario");
        int size = fields.index("size");
        int operation = fields.index("operation");
        int nanos = fields.index("nanosPerElement");
        int error = fields.index("nanosPerElementError");
        int iterations = fields.index("iterations");
        int forks = fields.index("forks");
        return values -> events.timing(new SweepTiming(ScopeNames.bounded(FieldIndex.text(scenario >= 0 ? values[scenario] : null)),
                FieldIndex.longValue(values, size, 0), FieldIndex.text(operation >= 0 ? values[operation] : null),
                FieldIndex.doubleValue(values, nanos, Double.NaN), FieldIndex.doubleValue(values, error, Double.NaN),
                (int) FieldIndex.longValue(values, iterations, 0), (int) FieldIndex.longValue(values, forks, 0)));
    }

    private IEventSink breakdownSink(FieldIndex fields) {
        int scenario = fields.index("scenario");
        int size = fields.index("size");
        int className = fields.index("className");
        int instances = fields.index("instances");
        int bytes = fields.index("bytes");
        return values -> events.classShare(new ClassShare(ScopeNames.bounded(FieldIndex.text(scenario >= 0 ? values[scenario] : null)),
                FieldIndex.longValue(values, size, 0), FieldIndex.text(className >= 0 ? values[className] : null),
                FieldIndex.longValue(values, instances, 0), FieldIndex.longValue(values, bytes, 0)));
    }

    private ThreadIdentity identity(IMCThread thread) {
        ThreadIdentity identity = threads.get(thread);
        if (identity == null) {
            identity = new ThreadIdentity(ThreadKeys.of(thread), thread == null ? "" : thread.getThreadName());
            threads.put(thread, identity);
        }
        return identity;
    }

    /** Turns each scope event into a row of its thread's batch. */
    private final class ScopeSink implements IEventSink {
        private final DurationFields span;
        private final int thread;
        private final int label;
        private final int size;
        private final int payload;
        private final int allocated;
        private final int retained;

        ScopeSink(FieldIndex fields) {
            span = new DurationFields(fields);
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
            long begin = span.start(values);
            long length = Math.max(0, span.end(values) - begin);
            if (length > 0) {
                scopesWithDuration++;
            }
            IMCThread eventThread = thread >= 0 && values[thread] instanceof IMCThread t ? t : null;
            ThreadIdentity identity = identity(eventThread);
            if (identity.batch == null) {
                identity.batch = events.thread(identity.key, identity.name);
            }
            String name = label >= 0 ? FieldIndex.text(values[label]) : selection.eventType();
            identity.batch.addScope(scopeNames.id(ScopeNames.bounded(name)), begin, begin + length,
                    FieldIndex.longValue(values, size, 0),
                    FieldIndex.longValue(values, payload, 0),
                    FieldIndex.longValue(values, allocated, ThreadBatch.UNKNOWN),
                    FieldIndex.longValue(values, retained, ThreadBatch.UNKNOWN));
            events.eventTime(begin + length);
        }
    }

    /**
     * Appends each allocation sample to its thread's batch. For {@code jdk.ObjectAllocationSample}
     * the weight is the bytes the thread allocated since its previous sample; for the TLAB events
     * it is the bytes the event stands for (the new TLAB's size; the object's size outside a
     * TLAB), as async-profiler's converter counts them.
     */
    private final class SampleSink implements IEventSink {
        private final DurationFields time;
        private final int thread;
        private final int weight;
        private final int objectClass;
        private final int stackTrace;
        private final int allocationSize;
        private final boolean tlab;

        SampleSink(FieldIndex fields, String weightField, boolean tlab) {
            time = new DurationFields(fields);
            thread = fields.index("eventThread");
            weight = fields.index(weightField);
            allocationSize = fields.index("allocationSize");
            objectClass = fields.index("objectClass");
            stackTrace = fields.index("stackTrace");
            this.tlab = tlab;
        }

        @Override
        public void addEvent(Object[] values) {
            IMCThread eventThread = thread >= 0 && values[thread] instanceof IMCThread t ? t : null;
            ThreadIdentity identity = identity(eventThread);
            long when = time.start(values);
            long bytes = FieldIndex.bytes(values, weight);
            if (tlab) {
                if (bytes <= 0) {
                    bytes = FieldIndex.bytes(values, allocationSize);
                }
                if (identity.tlabBatch == null) {
                    identity.tlabBatch = events.tlabThread(identity.key, identity.name);
                }
                identity.tlabBatch.addSample(when, bytes, allocationKey(values));
                events.countTlabEvent();
            } else {
                if (identity.batch == null) {
                    identity.batch = events.thread(identity.key, identity.name);
                }
                identity.batch.addSample(when, bytes, allocationKey(values));
                events.countAllocationSample();
            }
            events.eventTime(when);
        }

        private int allocationKey(Object[] values) {
            IMCType type = objectClass >= 0 && values[objectClass] instanceof IMCType t ? t : null;
            IMCStackTrace trace = stackTrace >= 0 && values[stackTrace] instanceof IMCStackTrace st ? st : null;
            KeyOfStack cached = keyByStack.get(trace);
            if (cached == null) {
                cached = new KeyOfStack(stackId(trace));
                keyByStack.put(trace, cached);
            }
            // Nearly always one class per stack: its allocating frame allocates one type.
            if (cached.type != type || cached.key < 0) {
                cached.type = type;
                cached.key = stacks.key(classId(type), cached.stackId);
            }
            return cached.key;
        }
    }

    /** A stack trace's id, and the key of the class last allocated there. */
    private static final class KeyOfStack {
        final int stackId;
        IMCType type;
        int key = -1;

        KeyOfStack(int stackId) {
            this.stackId = stackId;
        }
    }

    private int classId(IMCType type) {
        Integer id = classIds.get(type);
        if (id == null) {
            id = stacks.classes().id(type == null || type.getFullName() == null ? "(unknown class)" : type.getFullName());
            classIds.put(type, id);
        }
        return id;
    }

    private int stackId(IMCStackTrace trace) {
        if (trace == null) {
            return StackTable.NO_STACK;
        }
        List<? extends IMCFrame> frames = trace.getFrames();
        int[] methodsAndLines = new int[2 * frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            IMCFrame frame = frames.get(i);
            Integer line = frame.getFrameLineNumber();
            methodsAndLines[2 * i] = methodId(frame.getMethod());
            methodsAndLines[2 * i + 1] = line == null ? -1 : line;
        }
        return stacks.stack(methodsAndLines);
    }

    private int methodId(IMCMethod method) {
        Integer id = methodIds.get(method);
        if (id == null) {
            id = stacks.method(method == null ? "?" : FieldIndex.describe(method), ApplicationFrames.isApplication(method));
            methodIds.put(method, id);
        }
        return id;
    }
}

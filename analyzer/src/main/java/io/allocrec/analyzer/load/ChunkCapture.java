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

    /** Content types that cannot name a scope: structures, not values. */
    private static final Set<ContentType<?>> NOT_PLAIN = Set.of(UnitLookup.STACKTRACE, UnitLookup.STACKTRACE_FRAME,
            UnitLookup.THREAD, UnitLookup.THREAD_GROUP, UnitLookup.OLD_OBJECT, UnitLookup.OLD_OBJECT_ARRAY,
            UnitLookup.OLD_OBJECT_FIELD, UnitLookup.OLD_OBJECT_GC_ROOT, UnitLookup.UNKNOWN);

    private final ScopeSelection selection;
    private final StringIds scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;
    private final ChunkEvents events;
    private final EventTaker taker;
    private final List<CountingSink> sinks = new ArrayList<>();
    private final Map<IMCThread, ThreadIdentity> threads = new IdentityHashMap<>();
    // Thread, class, method and stack trace objects are pooled per chunk: ids are cached by identity.
    private final Map<IMCType, Integer> classIds = new IdentityHashMap<>();
    private final Map<IMCMethod, Integer> methodIds = new IdentityHashMap<>();
    private final Map<IMCStackTrace, KeyOfStack> keyByStack = new IdentityHashMap<>();

    ChunkCapture(ScopeSelection selection, StringIds scopeNames, StackTable stacks, AtomicLong parsedEvents,
                 ChunkEvents events) {
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
        this.events = events;
        taker = new EventTaker(events);
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
        taker.finish();
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
        ReportedEvent event = ReportedEvent.of(type, selection);
        IEventSink capture = event == null ? values -> { } : new TakingSink(event, fields);
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

    private ThreadIdentity identity(IMCThread thread) {
        ThreadIdentity identity = threads.get(thread);
        if (identity == null) {
            identity = new ThreadIdentity(ThreadKeys.of(thread), thread == null ? "" : thread.getThreadName());
            threads.put(thread, identity);
        }
        return identity;
    }

    /**
     * Hands each event of one type to the {@link EventTaker}, its fields found where JMC puts
     * them and read whatever content type JMC gave them (see {@link FieldIndex}).
     */
    private final class TakingSink implements IEventSink, EventValues {
        private final ReportedEvent event;
        /** Each of the report's fields' position in the values, by {@link EventField#ordinal()}; -1 when absent. */
        private final int[] positions = new int[EventField.values().length];
        /** The start: startTime, or the end of a JDK 7 or 8 event, whose instant events have only that. */
        private final int start;
        /** The end of a JDK 7 or 8 event, which has no duration. */
        private final int end;
        private Object[] values;

        TakingSink(ReportedEvent event, FieldIndex fields) {
            this.event = event;
            for (EventField field : EventField.values()) {
                positions[field.ordinal()] = -1;
            }
            for (EventField field : event.fields(selection)) {
                positions[field.ordinal()] = fields.index(field == EventField.SCOPE_LABEL ? selection.labelField() : field.fieldName);
            }
            end = fields.index(FieldIndex.END_TIME_V0);
            int startTime = positions[EventField.START_TIME.ordinal()];
            start = startTime >= 0 ? startTime : end;
        }

        @Override
        public void addEvent(Object[] eventValues) {
            values = eventValues;
            taker.take(event, this);
        }

        private int position(EventField field) {
            return positions[field.ordinal()];
        }

        @Override
        public long startTime() {
            return FieldIndex.epochNanos(values, start);
        }

        @Override
        public long duration() {
            int duration = position(EventField.DURATION);
            if (duration >= 0 || end < 0) {
                return FieldIndex.nanos(values, duration);
            }
            return FieldIndex.epochNanos(values, end) - startTime();
        }

        @Override
        public ThreadIdentity eventThread() {
            int thread = position(EventField.EVENT_THREAD);
            return identity(thread >= 0 && values[thread] instanceof IMCThread t ? t : null);
        }

        @Override
        public ThreadIdentity thread(EventField field) {
            int thread = position(field);
            return thread >= 0 && values[thread] instanceof IMCThread subject ? identity(subject) : null;
        }

        @Override
        public int allocationKey() {
            int objectClass = position(EventField.OBJECT_CLASS);
            int stackTrace = position(EventField.STACK_TRACE);
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

        @Override
        public int scopeName() {
            int label = position(EventField.SCOPE_LABEL);
            String name = label >= 0 ? FieldIndex.text(values[label]) : selection.eventType();
            return scopeNames.id(ScopeNameLimit.bounded(name));
        }

        @Override
        public long number(EventField field, long absent) {
            return FieldIndex.longValue(values, position(field), absent);
        }

        @Override
        public double decimal(EventField field, double absent) {
            return FieldIndex.doubleValue(values, position(field), absent);
        }

        @Override
        public String text(EventField field) {
            int index = position(field);
            return FieldIndex.text(index >= 0 ? values[index] : null);
        }

        @Override
        public long timestamp(EventField field) {
            return FieldIndex.epochNanos(values, position(field));
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

package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmc.common.unit.DecimalPrefix;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.MethodToolkit;

/**
 * Reads a chunk of the JDK 11+ format (format 2) straight from its bytes into a
 * {@link ChunkEvents}: the same events, fields and words that {@link ChunkCapture} takes through
 * JMC's parser (class and method names as JMC spells them, times as JMC converts them), which
 * {@code DirectChunkReaderTest} checks on real recordings. JMC's parser makes an object of every
 * value of every event and every pooled constant; this reader steps over what the report does not
 * use and reads a stack trace once per chunk, which is most of the report's time on a large file.
 *
 * <p>It reads only what it can read exactly as JMC would, and returns null for the rest, which JMC
 * then parses: another format, integers not compressed, a scope label that is not text, a method, a class or a thread, or a field of an unexpected type.
 */
final class DirectChunkReader {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int PROGRESS_BATCH = 65_536;
    private static final int UNSET = -2;
    private static final Set<String> LABEL_TYPES = Set.of("java.lang.String", "jdk.types.Symbol", "jdk.types.Method",
            "java.lang.Class", "java.lang.Thread");

    private final ScopeSelection selection;
    private final Names scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;
    private final MetadataCache metadataCache = new MetadataCache();

    DirectChunkReader(ScopeSelection selection, Names scopeNames, StackTable stacks, AtomicLong parsedEvents) {
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
    }

    /** Whether the header allows reading the chunk here: format 2, compressed integers, a tick rate. */
    static boolean handles(byte[] chunk) {
        int major = (chunk[4] & 0xFF) << 8 | (chunk[5] & 0xFF);
        boolean compressed = (ChunkHeaders.intAt(chunk, 64) & 1) != 0;
        return major == 2 && compressed && ChunkHeaders.longAt(chunk, 56) > 0;
    }

    /**
     * @param chunk  the chunk's bytes from its magic, its events' framing already checked
     * @param events where its events go
     * @return {@code events}, filled; null when the chunk is left to JMC (nothing was added then)
     * @throws RuntimeException the chunk's data is inconsistent
     */
    ChunkEvents read(byte[] chunk, int size, ChunkEvents events) {
        if (!handles(chunk)) {
            return null;
        }
        try {
            new ChunkRead(chunk, size, events).read();
            return events;
        } catch (Declined declined) {
            return null;
        }
    }

    /** Thrown before any event is taken when the chunk is one JMC should read. */
    private static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined() {
            super(null, null, false, false);
        }
    }

    /** Reads the fields of one event type into slots by position: numbers, pool ids, or values. */
    private static final class EventFields {
        private static final byte SKIP = 0;
        private static final byte LONG = 1;
        private static final byte NARROW_NUMBER = 2;
        private static final byte REFERENCE = 3;
        private static final byte POOLED_TEXT = 4;
        private static final byte VALUE = 5;

        final JfrMetadata.Type type;
        private final JfrMetadata.Field[] fields;
        /** What to do with each field, by position: decided once, so reading an event is one switch a field. */
        private final byte[] actions;
        final long[] numbers;
        final Object[] objects;

        EventFields(JfrMetadata.Type type) {
            this.type = type;
            fields = type.fields.toArray(new JfrMetadata.Field[0]);
            actions = new byte[fields.length];
            numbers = new long[fields.length];
            objects = new Object[fields.length];
        }

        /** Asks for a numeric field; -1 when the type has none by that name. */
        int number(String name) {
            int index = type.index(name);
            if (index >= 0) {
                JfrMetadata.Field field = fields[index];
                if (field.array || field.constantPool || field.type.layout != JfrMetadata.Layout.VARINT) {
                    throw new Declined();
                }
                actions[index] = "long".equals(field.type.name) ? LONG : NARROW_NUMBER;
            }
            return index;
        }

        /** Asks for a double field (a float or double; an integer is taken as it is). */
        int decimal(String name) {
            int index = type.index(name);
            if (index >= 0) {
                JfrMetadata.Field field = fields[index];
                JfrMetadata.Layout layout = field.type.layout;
                if (field.array || field.constantPool || layout == JfrMetadata.Layout.STRUCT
                        || layout == JfrMetadata.Layout.STRING || layout == JfrMetadata.Layout.BYTE) {
                    throw new Declined();
                }
                actions[index] = layout == JfrMetadata.Layout.VARINT ? NARROW_NUMBER : VALUE;
            }
            return index;
        }

        /** Asks for a field that refers to a pool of {@code typeName}. */
        int reference(String name, String typeName) {
            int index = type.index(name);
            if (index >= 0) {
                JfrMetadata.Field field = fields[index];
                if (field.array || !field.constantPool || !typeName.equals(field.type.name)) {
                    throw new Declined();
                }
                actions[index] = REFERENCE;
            }
            return index;
        }

        /** Asks for a text field, inline or pooled. */
        int text(String name) {
            int index = type.index(name);
            if (index >= 0) {
                want(index);
            }
            return index;
        }

        /** Asks for a field of a kind {@link #read} takes as it is: text (inline or pooled) or a pool reference. */
        void want(int index) {
            JfrMetadata.Field field = fields[index];
            if (field.array || !field.constantPool && field.type.layout != JfrMetadata.Layout.STRING) {
                throw new Declined();
            }
            actions[index] = !field.constantPool ? VALUE
                    : field.type.layout == JfrMetadata.Layout.STRING ? POOLED_TEXT : REFERENCE;
        }

        void read(JfrInput in, JfrValues values) {
            for (int i = 0; i < actions.length; i++) {
                switch (actions[i]) {
                    case LONG, REFERENCE -> numbers[i] = in.varlong();
                    case NARROW_NUMBER -> numbers[i] = values.number(fields[i].type);
                    case POOLED_TEXT -> {
                        numbers[i] = in.varlong();
                        objects[i] = values.pooledValue(fields[i].type, numbers[i], 0);
                    }
                    case VALUE -> objects[i] = values.value(fields[i].type, 0);
                    default -> JfrMetadata.skip(in, fields[i]);
                }
            }
        }

        long number(int index, long absent) {
            return index >= 0 ? numbers[index] : absent;
        }

        double decimal(int index, double absent) {
            if (index < 0) {
                return absent;
            }
            return objects[index] instanceof Double d ? d : numbers[index];
        }

        String text(int index) {
            return index >= 0 ? (String) objects[index] : null;
        }
    }

    /** What happens to one event type's events. */
    private interface Capture {
        void take(EventFields fields);
    }

    /** A thread's key across chunks and its name, with its batches in this chunk. */
    private static final class ThreadIdentity {
        final String key;
        final String name;
        ThreadBatch batch;
        ThreadBatch tlabBatch;

        ThreadIdentity(String key, String name) {
            this.key = key;
            this.name = name;
        }
    }

    /** One chunk being read: its metadata, pools, and the ids of its constants worked out so far. */
    private final class ChunkRead {
        private final JfrInput in;
        private final int size;
        private final ChunkEvents events;
        private final long startNanos;
        private final long startTicks;
        private final double ticksPerNano;
        /** Ticks to nanoseconds, by JMC's own unit arithmetic: its rounding is what the figures must match. */
        private final IScalarAffineTransform ticksToNanos;
        private final MetadataCache.Parsed parsed;
        private final JfrMetadata metadata;
        private final JfrConstantPools pools;
        private final JfrValues values;
        private final JfrMetadata.Type threadType;
        private final JfrMetadata.Type classType;
        private final JfrMetadata.Type methodType;
        private final JfrMetadata.Type stackType;
        private final JfrMetadata.Type loaderType;
        private final LongIntMap threadIndex = new LongIntMap(64);
        private final List<ThreadIdentity> threads = new ArrayList<>();
        private ThreadIdentity noThread;
        private final LongIntMap classIds = new LongIntMap(256);
        private final LongIntMap methodIds = new LongIntMap(1024);
        private final LongIntMap stackIndex = new LongIntMap(1024);
        private int[] stackIds = new int[256];
        private long[] stackLastClass = new long[256];
        private int[] stackLastKey = new int[256];
        private int stackCount;
        /** Positions of a stack frame's method and line, worked out at the chunk's first stack. */
        private int frameMethod = UNSET;
        private int frameLine = UNSET;
        private boolean frameLineIsInt;
        private long scopesWithDuration;

        ChunkRead(byte[] chunk, int size, ChunkEvents events) {
            this.in = new JfrInput(chunk, size);
            this.size = size;
            this.events = events;
            long constantPoolOffset = ChunkHeaders.longAt(chunk, 16);
            long metadataOffset = ChunkHeaders.longAt(chunk, 24);
            startNanos = ChunkHeaders.longAt(chunk, 32);
            startTicks = ChunkHeaders.longAt(chunk, 48);
            ticksPerNano = ChunkHeaders.longAt(chunk, 56) / (double) NANOS_PER_SECOND;
            ticksToNanos = UnitLookup.TIMESPAN.makeUnit("ticks",
                    UnitLookup.TIMESPAN.getUnit(DecimalPrefix.NANO).quantity(1 / ticksPerNano))
                    .valueTransformTo(UnitLookup.NANOSECOND);
            parsed = metadataCache.get(chunk, (int) metadataOffset, size);
            metadata = parsed.metadata();
            pools = JfrConstantPools.read(in, metadata, constantPoolOffset, size);
            values = new JfrValues(in, metadata, pools);
            threadType = metadata.type("java.lang.Thread");
            classType = metadata.type("java.lang.Class");
            methodType = metadata.type("jdk.types.Method");
            stackType = metadata.type("jdk.types.StackTrace");
            loaderType = metadata.type("jdk.types.ClassLoader");
        }

        void read() {
            List<JfrMetadata.Type> eventTypes = parsed.eventTypes();
            LongIntMap byTypeId = new LongIntMap(eventTypes.size());
            EventFields[] fields = new EventFields[eventTypes.size()];
            Capture[] captures = new Capture[eventTypes.size()];
            for (int i = 0; i < eventTypes.size(); i++) {
                JfrMetadata.Type type = eventTypes.get(i);
                byTypeId.put(type.id, i);
                fields[i] = new EventFields(type);
                captures[i] = captureFor(fields[i]);
            }
            long[] counts = new long[eventTypes.size()];
            long unreported = 0;
            int position = ChunkHeaders.HEADER_BYTES;
            while (position < size) {
                in.seek(position);
                int eventSize = in.varint();
                long typeId = in.varlong();
                int index = typeId > 1 ? byTypeId.get(typeId, -1) : -1;
                if (index >= 0) {
                    counts[index]++;
                    if (captures[index] != null) {
                        fields[index].read(in, values);
                        captures[index].take(fields[index]);
                    }
                    if (++unreported == PROGRESS_BATCH) {
                        parsedEvents.addAndGet(unreported);
                        unreported = 0;
                    }
                }
                position += eventSize;
            }
            parsedEvents.addAndGet(unreported);
            for (int i = 0; i < eventTypes.size(); i++) {
                events.type(parsed.infos().get(i), counts[i]);
            }
            events.finish();
            events.scopesWithDuration(scopesWithDuration);
        }

        /** The capture of a type's events, or null for a type the report does not use. */
        private Capture captureFor(EventFields fields) {
            String type = fields.type.name;
            if (type == null) {
                return null;
            }
            if (type.equals(selection.eventType())) {
                return scopeCapture(fields);
            }
            return switch (type) {
                case ChunkCapture.SAMPLE_TYPE -> sampleCapture(fields, "weight", false);
                case ChunkCapture.IN_NEW_TLAB_TYPE -> sampleCapture(fields, "tlabSize", true);
                case ChunkCapture.OUTSIDE_TLAB_TYPE -> sampleCapture(fields, "allocationSize", true);
                case "jdk.GCPhasePause" -> pauseCapture(fields);
                case "jdk.ThreadStart" -> threadCapture(fields, true);
                case "jdk.ThreadEnd" -> threadCapture(fields, false);
                case "jdk.JVMInformation" -> jvmCapture(fields);
                case "allocrec.Timing" -> timingCapture(fields);
                case "allocrec.Breakdown" -> breakdownCapture(fields);
                default -> null;
            };
        }

        private Capture sampleCapture(EventFields fields, String weightField, boolean tlab) {
            int start = fields.number("startTime");
            int thread = fields.reference("eventThread", "java.lang.Thread");
            int weight = fields.number(weightField);
            int allocationSize = fields.number("allocationSize");
            int objectClass = fields.reference("objectClass", "java.lang.Class");
            int stackTrace = fields.reference("stackTrace", "jdk.types.StackTrace");
            if (thread < 0 || objectClass < 0 || stackTrace < 0) {
                throw new Declined();
            }
            return f -> {
                ThreadIdentity identity = thread(f, thread);
                long when = time(f, start);
                long bytes = f.number(weight, 0);
                int key = allocationKey(f.numbers[stackTrace], f.numbers[objectClass]);
                if (tlab) {
                    if (bytes <= 0) {
                        bytes = f.number(allocationSize, 0);
                    }
                    if (identity.tlabBatch == null) {
                        identity.tlabBatch = events.tlabThread(identity.key, identity.name);
                    }
                    identity.tlabBatch.addSample(when, bytes, key);
                    events.countTlabEvent();
                } else {
                    if (identity.batch == null) {
                        identity.batch = events.thread(identity.key, identity.name);
                    }
                    identity.batch.addSample(when, bytes, key);
                    events.countAllocationSample();
                }
                events.eventTime(when);
            };
        }

        private Capture scopeCapture(EventFields fields) {
            int start = fields.number("startTime");
            int duration = fields.number("duration");
            int thread = fields.reference("eventThread", "java.lang.Thread");
            if (thread < 0) {
                throw new Declined();
            }
            int label = labelField(fields);
            boolean scenario = selection.isScenarioEvent();
            int size = scenario ? fields.number("size") : -1;
            int payload = scenario ? fields.number("payloadBytes") : -1;
            int allocated = scenario ? fields.number("allocatedBytes") : -1;
            int retained = scenario ? fields.number("retainedBytes") : -1;
            return f -> {
                long begin = time(f, start);
                long length = Math.max(0, nanos(f, duration));
                if (length > 0) {
                    scopesWithDuration++;
                }
                ThreadIdentity identity = thread(f, thread);
                if (identity.batch == null) {
                    identity.batch = events.thread(identity.key, identity.name);
                }
                String name = label >= 0 ? label(f, label) : selection.eventType();
                identity.batch.addScope(scopeNames.id(ScopeNames.bounded(name)), begin, begin + length,
                        f.number(size, 0), f.number(payload, 0),
                        f.number(allocated, ThreadBatch.UNKNOWN), f.number(retained, ThreadBatch.UNKNOWN));
                events.eventTime(begin + length);
            };
        }

        /** The label field's position; declines a label JMC would show in a way of its own (a number with a unit, say). */
        private int labelField(EventFields fields) {
            String name = selection.labelField();
            if (name == null) {
                return -1;
            }
            int index = fields.type.index(name);
            if (index < 0) {
                if (JmcFieldNames.info(fields.type).fields().contains(name)) {
                    throw new Declined(); // a field of a nested struct, which JMC flattens
                }
                return -1;
            }
            JfrMetadata.Field field = fields.type.fields.get(index);
            if (field.constantPool && !LABEL_TYPES.contains(field.type.name)) {
                throw new Declined();
            }
            fields.want(index);
            return index;
        }

        /** A label as ChunkCapture's {@code FieldIndex.text} words it. */
        private String label(EventFields f, int index) {
            JfrMetadata.Field field = f.type.fields.get(index);
            if (!field.constantPool) {
                return textOrEmpty(f.text(index));
            }
            long id = f.numbers[index];
            return switch (field.type.name) {
                case "jdk.types.Method" -> pools.offset(methodType, id) < 0 ? "" : stacks.methodName(methodId(id));
                case "java.lang.Class" -> pools.offset(classType, id) < 0 ? "" : className(id);
                case "java.lang.Thread" -> pools.offset(threadType, id) < 0 ? "" : thread(id).name;
                default -> textOrEmpty(values.pooledValue(field.type, id, 0) instanceof String s ? s : null);
            };
        }

        private Capture pauseCapture(EventFields fields) {
            int start = fields.number("startTime");
            int duration = fields.number("duration");
            return f -> {
                long begin = time(f, start);
                events.pause(begin, begin + nanos(f, duration));
            };
        }

        private Capture threadCapture(EventFields fields, boolean started) {
            int start = fields.number("startTime");
            int thread = fields.reference("thread", "java.lang.Thread");
            return f -> {
                if (thread >= 0 && pools.offset(threadType, f.numbers[thread]) >= 0) {
                    ThreadIdentity identity = thread(f.numbers[thread]);
                    if (started) {
                        events.threadStart(identity.key, time(f, start));
                    } else {
                        events.threadEnd(identity.key);
                    }
                }
            };
        }

        private Capture jvmCapture(EventFields fields) {
            int pid = fields.number("pid");
            int started = fields.number("jvmStartTime");
            String unit = started < 0 ? null : metadata.timestampUnit(fields.type.fields.get(started));
            if (started >= 0 && !"MILLISECONDS_SINCE_EPOCH".equals(unit) && !"TICKS".equals(unit)) {
                throw new Declined();
            }
            return f -> {
                long processId = f.number(pid, -1);
                long startTime = started < 0 ? 0 : "TICKS".equals(unit) ? time(f, started) : f.numbers[started] * 1_000_000L;
                if (processId >= 0 || startTime != 0) {
                    events.jvm("pid " + processId + " started at " + startTime);
                }
            };
        }

        private Capture timingCapture(EventFields fields) {
            int scenario = fields.text("scenario");
            int size = fields.number("size");
            int operation = fields.text("operation");
            int nanos = fields.decimal("nanosPerElement");
            int error = fields.decimal("nanosPerElementError");
            int iterations = fields.number("iterations");
            int forks = fields.number("forks");
            return f -> events.timing(new SweepTiming(ScopeNames.bounded(textOrEmpty(f.text(scenario))), f.number(size, 0),
                    textOrEmpty(f.text(operation)), f.decimal(nanos, Double.NaN), f.decimal(error, Double.NaN),
                    (int) f.number(iterations, 0), (int) f.number(forks, 0)));
        }

        private Capture breakdownCapture(EventFields fields) {
            int scenario = fields.text("scenario");
            int size = fields.number("size");
            int className = fields.text("className");
            int instances = fields.number("instances");
            int bytes = fields.number("bytes");
            return f -> events.classShare(new ClassShare(ScopeNames.bounded(textOrEmpty(f.text(scenario))),
                    f.number(size, 0), textOrEmpty(f.text(className)), f.number(instances, 0), f.number(bytes, 0)));
        }

        /** An event time as JMC converts ticks to epoch nanoseconds. */
        private long time(EventFields f, int index) {
            return index < 0 ? 0 : startNanos + (long) ((f.numbers[index] - startTicks) / ticksPerNano);
        }

        /** The event's thread; JMC's "none" when the pools do not hold it. */
        /** A duration in ticks, in nanoseconds as JMC converts it; 0 when the type has none. */
        private long nanos(EventFields f, int index) {
            return index < 0 ? 0 : ticksToNanos.targetValue(f.numbers[index]);
        }

        private ThreadIdentity thread(EventFields f, int index) {
            long id = f.numbers[index];
            int known = threadIndex.get(id, -1);
            if (known >= 0) {
                return threads.get(known);
            }
            if (pools.offset(threadType, id) < 0) {
                if (noThread == null) {
                    noThread = new ThreadIdentity("none", "");
                }
                return noThread;
            }
            return thread(id);
        }

        /** The identity of a thread the pools hold, worked out once per chunk. */
        private ThreadIdentity thread(long id) {
            int index = threadIndex.get(id, -1);
            if (index >= 0) {
                return threads.get(index);
            }
            Object[] thread = values.pooled(threadType, id);
            Object javaId = field(thread, threadType, "javaThreadId");
            String javaName = (String) field(thread, threadType, "javaName");
            String name = javaName != null ? javaName : (String) field(thread, threadType, "osName");
            ThreadIdentity identity = new ThreadIdentity(javaId instanceof Long l ? "java:" + l : "name:" + name, name);
            threadIndex.put(id, threads.size());
            threads.add(identity);
            return identity;
        }

        /** One id for the allocated class and the stack; nearly always one class per stack. */
        private int allocationKey(long stackRef, long classRef) {
            if (stackRef == Long.MIN_VALUE || classRef == Long.MIN_VALUE) {
                throw new IllegalStateException("a pool reference out of range");
            }
            int index = stackIndex.get(stackRef, -1);
            if (index < 0) {
                index = stackCount++;
                if (index == stackIds.length) {
                    stackIds = Arrays.copyOf(stackIds, index * 2);
                    stackLastClass = Arrays.copyOf(stackLastClass, index * 2);
                    stackLastKey = Arrays.copyOf(stackLastKey, index * 2);
                }
                stackIds[index] = stackId(stackRef);
                stackLastKey[index] = -1;
                stackIndex.put(stackRef, index);
            }
            if (stackLastKey[index] < 0 || stackLastClass[index] != classRef) {
                stackLastClass[index] = classRef;
                stackLastKey[index] = stacks.key(classId(classRef), stackIds[index]);
            }
            return stackLastKey[index];
        }

        private int classId(long classRef) {
            int id = classIds.get(classRef, -1);
            if (id < 0) {
                String name = values.pooled(classType, classRef) == null ? null : className(classRef);
                id = stacks.classes().id(name == null ? "(unknown class)" : name);
                classIds.put(classRef, id);
            }
            return id;
        }

        /** A class's name as JMC gives it ("java.lang.String", "byte[]"); null when it has none. */
        private String className(long classRef) {
            Object[] type = values.pooled(classType, classRef);
            String name = type == null ? null : symbol(classType, type, "name");
            return name == null ? null : MethodToolkit.refTypeToBinaryJLS(name);
        }

        /** Whether a class is application code, by ApplicationFrames' rule: its loader, else its package. */
        private boolean isApplication(long classRef) {
            Object[] type = values.pooled(classType, classRef);
            if (type == null) {
                return false;
            }
            Object loaderRef = field(type, classType, "classLoader");
            Object[] loader = loaderRef instanceof Long id ? values.pooled(loaderType, id) : null;
            if (loader != null) {
                return !"bootstrap".equals(symbol(loaderType, loader, "name"));
            }
            String name = className(classRef);
            return name != null && !ApplicationFrames.isJdkPackage(name);
        }

        private int methodId(long methodRef) {
            int id = methodIds.get(methodRef, -1);
            if (id < 0) {
                Object[] method = values.pooled(methodType, methodRef);
                Object typeRef = field(method, methodType, "type");
                String type = typeRef instanceof Long ref && values.pooled(classType, ref) != null ? className(ref) : null;
                String name = method == null ? null : symbol(methodType, method, "name");
                boolean application = typeRef instanceof Long ref && isApplication(ref);
                id = stacks.method((type == null ? "?" : type) + "." + (name == null ? "?" : name), application);
                methodIds.put(methodRef, id);
            }
            return id;
        }

        private int stackId(long stackRef) {
            int offset = pools.offset(stackType, stackRef);
            if (offset < 0) {
                return StackTable.NO_STACK;
            }
            int back = in.position();
            in.seek(offset);
            int[] methodsAndLines = new int[0];
            for (JfrMetadata.Field field : stackType.fields) {
                if (!"frames".equals(field.name) || !field.array || field.type.layout != JfrMetadata.Layout.STRUCT) {
                    JfrMetadata.skip(in, field);
                    continue;
                }
                if (frameMethod == UNSET) {
                    frameMethod = positionOf(field.type, "method", true);
                    frameLine = positionOf(field.type, "lineNumber", false);
                    frameLineIsInt = frameLine >= 0 && "int".equals(field.type.fields.get(frameLine).type.name);
                }
                int count = in.count();
                methodsAndLines = new int[2 * count];
                for (int i = 0; i < count; i++) {
                    readFrame(field, methodsAndLines, i);
                }
            }
            in.seek(back);
            return stacks.stack(methodsAndLines);
        }

        /**
         * Reads one frame of a stack into slot {@code i}: its method's id and its line (-1 when
         * it has none). Frames are read field by field, without making objects: a chunk's
         * stacks have millions of them.
         */
        private void readFrame(JfrMetadata.Field frames, int[] methodsAndLines, int i) {
            int back = -1;
            if (frames.constantPool) {
                int offset = pools.offset(frames.type, in.varlong());
                if (offset < 0) {
                    methodsAndLines[2 * i] = unknownMethod();
                    methodsAndLines[2 * i + 1] = -1;
                    return;
                }
                back = in.position();
                in.seek(offset);
            }
            long methodRef = Long.MIN_VALUE;
            int line = -1;
            List<JfrMetadata.Field> fields = frames.type.fields;
            boolean flat = frames.type.flatVarints >= 0; // the JDK's frames: every field one varint
            for (int f = 0; f < fields.size(); f++) {
                if (f == frameMethod) {
                    methodRef = in.varlong();
                } else if (f == frameLine) {
                    line = frameLineIsInt ? (int) in.varlong() : (int) values.number(fields.get(f).type);
                } else if (flat) {
                    in.varlong();
                } else {
                    JfrMetadata.skip(in, fields.get(f));
                }
            }
            methodsAndLines[2 * i] = methodRef == Long.MIN_VALUE ? unknownMethod() : methodId(methodRef);
            methodsAndLines[2 * i + 1] = line;
            if (back >= 0) {
                in.seek(back);
            }
        }

        /** Where a frame's method (a pool reference) or line (an integer) is; -1 when it has none of that kind. */
        private int positionOf(JfrMetadata.Type frame, String name, boolean reference) {
            int index = frame.index(name);
            if (index < 0) {
                return -1;
            }
            JfrMetadata.Field field = frame.fields.get(index);
            boolean fits = !field.array && (reference ? field.constantPool
                    : !field.constantPool && field.type.layout == JfrMetadata.Layout.VARINT);
            return fits ? index : -1;
        }

        /** JMC's stand-in for a frame without a method: no class, no name. */
        private int unknownMethod() {
            return stacks.method("?.?", false);
        }

        private String symbol(JfrMetadata.Type type, Object[] struct, String fieldName) {
            int index = type.index(fieldName);
            if (index < 0 || struct[index] == null) {
                return null;
            }
            JfrMetadata.Field field = type.fields.get(index);
            Object value = field.constantPool ? values.pooledValue(field.type, (Long) struct[index], 0) : struct[index];
            return value instanceof String s ? s : null;
        }

        private Object field(Object[] struct, JfrMetadata.Type type, String fieldName) {
            int index = type == null || struct == null ? -1 : type.index(fieldName);
            return index < 0 ? null : struct[index];
        }

        private static String textOrEmpty(String text) {
            return text == null ? "" : text;
        }
    }
}

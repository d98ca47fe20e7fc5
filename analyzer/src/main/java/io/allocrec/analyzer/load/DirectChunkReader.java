package io.allocrec.analyzer.load;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmc.common.unit.DecimalPrefix;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Reads a chunk of the JDK 11+ format (format 2) straight from its bytes into a
 * {@link ChunkEvents}: the same events, fields and words that {@link ChunkCapture} takes through
 * JMC's parser (class and method names as JMC spells them, times as JMC converts them), which
 * {@code DirectChunkReaderTest} checks on real recordings. JMC's parser makes an object of every
 * value of every event and every pooled constant, which with its garbage and compiling was most
 * of a report's time on a large file; this reader steps over what the report does not use and
 * reads a stack trace once per chunk.
 *
 * <p>It reads only what it can read exactly as JMC would, and returns null for the rest, which JMC
 * then parses: another format, integers not compressed, a scope label that is not text, a method,
 * a class or a thread, or a field of an unexpected type. Events go through {@link EventFields};
 * what their pool references stand for, through {@link ChunkConstants}.
 */
final class DirectChunkReader {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int PROGRESS_BATCH = 65_536;
    private static final int SMALL_TYPE_IDS = 4096;
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

    /**
     * Whether the chunk is of the format read here (2: JDK 11 and later); throws {@link Declined}
     * for a format 2 chunk whose header it cannot take (integers not compressed, no tick rate).
     */
    private static boolean handles(byte[] chunk) {
        int major = (chunk[4] & 0xFF) << 8 | (chunk[5] & 0xFF);
        // A format 0 header (JDK 7 and 8) is 16 bytes: the rest is read only for format 2.
        if (major != 2) {
            return false;
        }
        if ((ChunkHeaders.intAt(chunk, 64) & 1) == 0) {
            throw new Declined("its integers are not compressed");
        }
        if (ChunkHeaders.longAt(chunk, 56) <= 0) {
            throw new Declined("its header gives no tick rate");
        }
        return true;
    }

    /**
     * @param chunk  the chunk's bytes from its magic, its events' framing already checked
     * @param events where its events go
     * @return {@code events}, filled; null for a chunk of an older format, which is JMC's
     * @throws Declined        a format 2 chunk left to JMC, with the reason (nothing was added then)
     * @throws RuntimeException the chunk's data is inconsistent
     */
    ChunkEvents read(byte[] chunk, int size, ChunkEvents events) {
        if (!handles(chunk)) {
            return null;
        }
        ChunkRead read = null;
        try {
            read = new ChunkRead(chunk, size, events);
            read.read();
            return events;
        } catch (Declined declined) {
            throw declined;
        } catch (RuntimeException e) {
            if (read != null) {
                parsedEvents.addAndGet(-read.reported); // JMC counts them again
            }
            throw e;
        }
    }

    /**
     * Thrown before any event is taken when the chunk is one JMC should read; the message says
     * why (null where the thrower cannot tell: {@link ChunkRead} then names the event type).
     */
    static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined() {
            this(null);
        }

        Declined(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What happens to one event type's events. */
    private interface Capture {
        void take(EventFields fields);
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
        private final ChunkConstants constants;
        private final ScopeNameIds scopeNameIds;
        private long scopesWithDuration;
        /** Events already counted in the progress line. */
        private long reported;

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
            constants = new ChunkConstants(in, metadata, pools, values, stacks);
            scopeNameIds = new ScopeNameIds(scopeNames, values);
        }

        void read() {
            List<JfrMetadata.Type> eventTypes = parsed.eventTypes();
            LongIntMap byTypeId = new LongIntMap(eventTypes.size());
            // The JDK numbers its event types from a few hundred up: a table, not a hash, per event.
            int[] bySmallTypeId = new int[SMALL_TYPE_IDS];
            Arrays.fill(bySmallTypeId, -1);
            EventFields[] fields = new EventFields[eventTypes.size()];
            Capture[] captures = new Capture[eventTypes.size()];
            for (int i = 0; i < eventTypes.size(); i++) {
                JfrMetadata.Type type = eventTypes.get(i);
                byTypeId.put(type.id, i);
                if (type.id >= 0 && type.id < SMALL_TYPE_IDS) {
                    bySmallTypeId[(int) type.id] = i;
                }
                fields[i] = new EventFields(type);
                try {
                    captures[i] = captureFor(fields[i]);
                } catch (Declined declined) {
                    throw declined.getMessage() != null ? declined
                            : new Declined(type.name + " has a field of a type or unit the direct reader does not take");
                }
            }
            long[] counts = new long[eventTypes.size()];
            long unreported = 0;
            int position = ChunkHeaders.HEADER_BYTES;
            while (position < size) {
                in.seek(position);
                int eventSize = in.varint();
                long typeId = in.varlong();
                int index = typeId <= 1 ? -1
                        : typeId < SMALL_TYPE_IDS ? bySmallTypeId[(int) typeId] : byTypeId.get(typeId, -1);
                if (index >= 0) {
                    counts[index]++;
                    if (captures[index] != null) {
                        readFields(fields[index], position, eventSize);
                        captures[index].take(fields[index]);
                    }
                    if (++unreported == PROGRESS_BATCH) {
                        parsedEvents.addAndGet(unreported);
                        reported += unreported;
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

        /**
         * Reads an event's fields, which must end where its size says: an event whose fields
         * end elsewhere was changed, and what was read from it is not what was written.
         */
        private void readFields(EventFields event, int position, int eventSize) {
            try {
                event.read(in, values);
            } catch (IndexOutOfBoundsException e) {
                throw new DamagedChunk("an event (" + event.type.name + ")", position,
                        "whose fields run past the end of the chunk (its size: " + DamagedChunk.bytes(eventSize) + ")");
            }
            int end = position + eventSize;
            if (in.position() != end) {
                throw new DamagedChunk("an event (" + event.type.name + ")", position, "whose fields end "
                        + (in.position() < end ? DamagedChunk.bytes(end - in.position()) + " before"
                                : DamagedChunk.bytes(in.position() - end) + " after")
                        + " its size of " + DamagedChunk.bytes(eventSize) + " says");
            }
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
            int start = fields.ticks("startTime", "jdk.jfr.Timestamp");
            int thread = fields.reference("eventThread", "java.lang.Thread");
            int weight = fields.number(weightField);
            int allocationSize = fields.number("allocationSize");
            int objectClass = fields.reference("objectClass", "java.lang.Class");
            int stackTrace = fields.reference("stackTrace", "jdk.types.StackTrace");
            if (thread < 0 || objectClass < 0 || stackTrace < 0) {
                throw new Declined(fields.type.name + " lacks its eventThread, objectClass or stackTrace field");
            }
            return f -> {
                ThreadIdentity identity = thread(f, thread);
                long when = time(f, start);
                long bytes = f.number(weight, 0);
                int key = constants.allocationKey(f.numbers[stackTrace], f.numbers[objectClass]);
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
            int start = fields.ticks("startTime", "jdk.jfr.Timestamp");
            int duration = fields.ticks("duration", "jdk.jfr.Timespan");
            int thread = fields.reference("eventThread", "java.lang.Thread");
            if (thread < 0) {
                throw new Declined(fields.type.name + " has no eventThread field");
            }
            int label = labelField(fields);
            boolean labelIsId = fields.isScopeName(label);
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
                int name = labelIsId ? (int) f.numbers[label]
                        : scopeNames.id(ScopeNames.bounded(label >= 0 ? label(f, label) : selection.eventType()));
                identity.batch.addScope(name, begin, begin + length,
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
                    throw new Declined("the label " + name + " is a field of a nested struct, which JMC flattens");
                }
                return -1;
            }
            JfrMetadata.Field field = fields.type.fields.get(index);
            if (field.constantPool && !LABEL_TYPES.contains(field.type.name)) {
                throw new Declined("the label " + name + " is a pooled " + field.type.name + ", which JMC words itself");
            }
            fields.want(index);
            fields.scopeName(index, scopeNameIds);
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
                case "jdk.types.Method" -> constants.methodText(id);
                case "java.lang.Class" -> constants.classText(id);
                case "java.lang.Thread" -> constants.threadText(id);
                default -> textOrEmpty(values.pooledValue(field.type, id, 0) instanceof String s ? s : null);
            };
        }

        private Capture pauseCapture(EventFields fields) {
            int start = fields.ticks("startTime", "jdk.jfr.Timestamp");
            int duration = fields.ticks("duration", "jdk.jfr.Timespan");
            return f -> {
                long begin = time(f, start);
                events.pause(begin, begin + nanos(f, duration));
            };
        }

        private Capture threadCapture(EventFields fields, boolean started) {
            int start = fields.ticks("startTime", "jdk.jfr.Timestamp");
            int thread = fields.reference("thread", "java.lang.Thread");
            return f -> {
                if (thread >= 0 && constants.holdsThread(f.numbers[thread])) {
                    ThreadIdentity identity = constants.thread(f.numbers[thread]);
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
            String unit = started < 0 ? null : JfrMetadata.timestampUnit(fields.type.fields.get(started));
            if (started >= 0 && !"MILLISECONDS_SINCE_EPOCH".equals(unit) && !"TICKS".equals(unit)) {
                throw new Declined("jdk.JVMInformation's jvmStartTime is in " + unit);
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

        /** A duration in ticks, in nanoseconds as JMC converts it; 0 when the type has none. */
        private long nanos(EventFields f, int index) {
            return index < 0 ? 0 : ticksToNanos.targetValue(f.numbers[index]);
        }

        /** The event's thread; JMC's "none" when the pools do not hold it. */
        private ThreadIdentity thread(EventFields f, int index) {
            return constants.threadOrNone(f.numbers[index]);
        }

        private static String textOrEmpty(String text) {
            return text == null ? "" : text;
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmc.common.unit.DecimalPrefix;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Reads a chunk of the JDK 11+ format (format 2) straight from its bytes into a
 * {@link ChunkEvents}: the events and fields {@link ReportedEvent} lists, in the words that
 * {@link ChunkCapture} takes through JMC's parser (class and method names as JMC spells them,
 * times as JMC converts them), which {@code DirectChunkReaderTest} checks on real recordings.
 * JMC's parser makes an object of every value of every event and every pooled constant, which
 * with its garbage and compiling was most of a report's time on a large file; this reader steps
 * over what the report does not use and reads a stack trace once per chunk.
 *
 * <p>It reads only what it can read exactly as JMC would and leaves the rest to JMC, saying why:
 * integers not compressed, a scope label that is not text, a method, a class or a thread, or a
 * field of an unexpected type. Fields go through {@link EventFields}; what their pool
 * references stand for, through {@link ChunkConstants}; rows are made by {@link EventTaker}.
 */
final class DirectChunkReader {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Integers below this in magnitude (2^53) are exact in a double. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;
    private static final int PROGRESS_BATCH = 65_536;
    private static final int SMALL_TYPE_IDS = 4096;
    /** The fields of an allocation sample that {@link ChunkRead#readSample} takes. */
    private static final Set<EventField> SAMPLE_FIELDS = EnumSet.of(EventField.START_TIME, EventField.EVENT_THREAD,
            EventField.STACK_TRACE, EventField.OBJECT_CLASS, EventField.WEIGHT);
    private static final Set<String> LABEL_TYPES = Set.of("java.lang.String", "jdk.types.Symbol", "jdk.types.Method",
            "java.lang.Class", "java.lang.Thread");

    private final ScopeSelection selection;
    private final StringIds scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;
    private final MetadataCache metadataCache = new MetadataCache();

    DirectChunkReader(ScopeSelection selection, StringIds scopeNames, StackTable stacks, AtomicLong parsedEvents) {
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
    }

    /** Whether the chunk is of the format read here (2: JDK 11 and later); older ones are JMC's. */
    static boolean readsFormatOf(byte[] chunk) {
        // A format 0 header (JDK 7 and 8) is 16 bytes: the rest is read only for format 2.
        return ((chunk[4] & 0xFF) << 8 | (chunk[5] & 0xFF)) == 2;
    }

    /**
     * Reads a chunk of the format read here ({@link #readsFormatOf}).
     *
     * @param chunk  the chunk's bytes from its magic
     * @param events where its events go
     * @return null when its events are in {@code events}; otherwise why the chunk is left to JMC,
     * and then nothing was added
     * @throws RuntimeException the chunk's data is inconsistent
     */
    String read(byte[] chunk, int size, ChunkEvents events) {
        if ((ChunkHeaders.intAt(chunk, 64) & 1) == 0) {
            return "its integers are not compressed";
        }
        if (ChunkHeaders.longAt(chunk, 56) <= 0) {
            return "its header gives no tick rate";
        }
        ChunkRead read = null;
        try {
            read = new ChunkRead(chunk, size, events);
            return read.read();
        } catch (RuntimeException e) {
            if (read != null) {
                parsedEvents.addAndGet(-read.reported); // JMC counts them again
            }
            throw e;
        }
    }

    /** Ticks to nanoseconds as JMC's parser converts a duration. */
    static IScalarAffineTransform jmcTicksToNanos(double ticksPerNano) {
        return UnitLookup.TIMESPAN.makeUnit("ticks", UnitLookup.TIMESPAN.getUnit(DecimalPrefix.NANO).quantity(1 / ticksPerNano))
                .valueTransformTo(UnitLookup.NANOSECOND);
    }

    /** One chunk being read: its metadata, pools, and the ids of its constants worked out so far. */
    private final class ChunkRead implements EventValues {
        private final JfrInput in;
        private final int size;
        private final ChunkEvents events;
        private final EventTaker taker;
        private final long startNanos;
        private final long startTicks;
        private final double ticksPerNano;
        /**
         * Ticks to nanoseconds, by JMC's own unit arithmetic: its rounding is what the figures
         * must match. Made when first needed: at a tick a nanosecond it is not (see
         * {@link #duration()}), and JMC's units cost a tenth of a second to set up.
         */
        private IScalarAffineTransform ticksToNanos;
        private final MetadataCache.Parsed parsed;
        private final JfrValues values;
        private final ChunkConstants constants;
        private final ScopeNameIds scopeNameIds;
        /** The fields of the event just read, which {@link EventValues} gives. */
        private EventFields event;
        /** Events already counted in the progress line. */
        private long reported;

        ChunkRead(byte[] chunk, int size, ChunkEvents events) {
            this.in = new JfrInput(chunk, size);
            this.size = size;
            this.events = events;
            taker = new EventTaker(events);
            long constantPoolOffset = ChunkHeaders.longAt(chunk, 16);
            long metadataOffset = ChunkHeaders.longAt(chunk, 24);
            startNanos = ChunkHeaders.longAt(chunk, 32);
            startTicks = ChunkHeaders.longAt(chunk, 48);
            ticksPerNano = ChunkHeaders.longAt(chunk, 56) / (double) NANOS_PER_SECOND;
            parsed = metadataCache.get(chunk, (int) metadataOffset, size);
            JfrMetadata metadata = parsed.metadata();
            JfrConstantPools pools = JfrConstantPools.read(in, metadata, constantPoolOffset, size);
            values = new JfrValues(in, metadata, pools);
            constants = new ChunkConstants(in, metadata, pools, values, stacks);
            scopeNameIds = new ScopeNameIds(scopeNames, values);
        }

        /** @return null when read; otherwise why the chunk is left to JMC (decided before any event is taken) */
        String read() {
            List<JfrMetadata.Type> eventTypes = parsed.eventTypes();
            LongIntMap byTypeId = new LongIntMap(eventTypes.size());
            // The JDK numbers its event types from a few hundred up: a table, not a hash, per event.
            int[] bySmallTypeId = new int[SMALL_TYPE_IDS];
            Arrays.fill(bySmallTypeId, -1);
            ReportedEvent[] reportedEvents = new ReportedEvent[eventTypes.size()];
            EventFields[] fields = new EventFields[eventTypes.size()];
            boolean[] sampleLayout = new boolean[eventTypes.size()];
            for (int i = 0; i < eventTypes.size(); i++) {
                JfrMetadata.Type type = eventTypes.get(i);
                byTypeId.put(type.id, i);
                if (type.id >= 0 && type.id < SMALL_TYPE_IDS) {
                    bySmallTypeId[(int) type.id] = i;
                }
                reportedEvents[i] = ReportedEvent.of(type.name, selection);
                if (reportedEvents[i] != null) {
                    fields[i] = fieldsOf(type, reportedEvents[i]);
                    if (fields[i].declined() != null) {
                        return fields[i].declined();
                    }
                    // Read in one go when laid out as the JDK writes it and the report takes
                    // those fields alone: taking each field by its position and handing it over
                    // through EventValues was 5% of a report's CPU on a production-like recording.
                    sampleLayout[i] = reportedEvents[i] == ReportedEvent.ALLOCATION_SAMPLE
                            && SAMPLE_FIELDS.equals(EnumSet.copyOf(reportedEvents[i].fields(selection)))
                            && fields[i].sampleLayout();
                }
            }
            long[] counts = new long[eventTypes.size()];
            long unreported = 0;
            int position = ChunkHeaders.HEADER_BYTES;
            while (position < size) {
                in.seek(position);
                // The sizes must step from the header to the end of the chunk: checked here, as
                // they are read, rather than in a pass of their own (EventFraming, for JMC).
                long statedSize = in.varlong();
                if (statedSize <= 0 || statedSize > size - position) {
                    throw EventFraming.badSize(position);
                }
                int eventSize = (int) statedSize;
                long typeId = in.varlong();
                int index = typeId <= 1 ? -1
                        : typeId < SMALL_TYPE_IDS ? bySmallTypeId[(int) typeId] : byTypeId.get(typeId, -1);
                if (index >= 0) {
                    counts[index]++;
                    if (reportedEvents[index] != null) {
                        event = fields[index];
                        if (!sampleLayout[index] || !readSample(position + eventSize)) {
                            readFields(position, eventSize);
                            taker.take(reportedEvents[index], this);
                        }
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
            taker.finish();
            return null;
        }

        /** The fields the report takes from a type's events, where they are and how to read them. */
        private EventFields fieldsOf(JfrMetadata.Type type, ReportedEvent reportedEvent) {
            EventFields fields = new EventFields(type);
            for (EventField field : reportedEvent.fields(selection)) {
                int index = field == EventField.SCOPE_LABEL ? labelPosition(fields) : type.index(field.fieldName);
                if (index >= 0) {
                    fields.take(field, index);
                } else if (ReportedEvent.neededByDirectReader(field)) {
                    fields.decline(type.name + " has no " + field.fieldName + " field");
                }
                if (fields.declined() != null) {
                    return fields; // the first reason is enough: JMC reads the chunk, damage and all
                }
            }
            fields.scopeNameAsId(scopeNameIds);
            return fields;
        }

        /** The label field's position; declines a label JMC would show in a way of its own (a number with a unit, say). */
        private int labelPosition(EventFields fields) {
            String name = selection.labelField();
            int index = fields.type.index(name);
            if (index < 0) {
                if (JmcFieldNames.info(fields.type).fields().contains(name)) {
                    fields.decline("the label " + name + " is a field of a nested struct, which JMC flattens");
                }
                return -1;
            }
            JfrMetadata.Field field = fields.field(index);
            if (field.constantPool && !LABEL_TYPES.contains(field.type.name)) {
                fields.decline("the label " + name + " is a pooled " + field.type.name + ", which JMC words itself");
                return -1;
            }
            return index;
        }

        /**
         * Reads an allocation sample laid out as the JDK writes it (see
         * {@link EventFields#sampleLayout}) and takes it; false, with nothing taken, when its fields
         * do not end where its size says, for {@link #readFields} to say where the damage is.
         */
        private boolean readSample(int end) {
            int fieldsAt = in.position();
            long ticks;
            long thread;
            long stack;
            long type;
            long weight;
            try {
                ticks = in.varlong();
                thread = in.varlong();
                stack = in.varlong();
                type = in.varlong();
                weight = in.varlong();
            } catch (IndexOutOfBoundsException e) {
                in.seek(fieldsAt);
                return false;
            }
            if (in.position() != end) {
                in.seek(fieldsAt);
                return false;
            }
            taker.allocationSample(constants.threadOrNone(thread), epochNanosOf(ticks), weight,
                    constants.allocationKey(stack, type));
            return true;
        }

        /**
         * Reads an event's fields, which must end where its size says: an event whose fields
         * end elsewhere was changed, and what was read from it is not what was written.
         */
        private void readFields(int position, int eventSize) {
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

        // The event just read, as EventTaker takes it.

        /** As JMC converts ticks to epoch nanoseconds. */
        @Override
        public long startTime() {
            return epochNanos(event.position(EventField.START_TIME));
        }

        /** As JMC converts ticks to nanoseconds. */
        @Override
        public long duration() {
            int index = event.position(EventField.DURATION);
            if (index < 0) {
                return 0;
            }
            long ticks = event.numbers[index];
            // JMC multiplies by exactly 1.0 and rounds (JmcTicksTest checks it against JMC itself).
            if (nanosecondsAlready(ticks)) {
                return ticks;
            }
            if (ticksToNanos == null) {
                ticksToNanos = jmcTicksToNanos(ticksPerNano);
            }
            return ticksToNanos.targetValue(ticks);
        }

        @Override
        public ThreadIdentity eventThread() {
            return constants.threadOrNone(event.numbers[event.position(EventField.EVENT_THREAD)]);
        }

        @Override
        public ThreadIdentity thread(EventField field) {
            int index = event.position(field);
            return index >= 0 && constants.holdsThread(event.numbers[index]) ? constants.thread(event.numbers[index]) : null;
        }

        @Override
        public int allocationKey() {
            return constants.allocationKey(event.numbers[event.position(EventField.STACK_TRACE)],
                    event.numbers[event.position(EventField.OBJECT_CLASS)]);
        }

        @Override
        public int scopeName() {
            if (event.scopeNameIsId()) {
                return (int) event.number(EventField.SCOPE_LABEL, 0);
            }
            int index = event.position(EventField.SCOPE_LABEL);
            return scopeNames.id(ScopeNameLimit.bounded(index >= 0 ? label(index) : selection.eventType()));
        }

        @Override
        public long number(EventField field, long absent) {
            return event.number(field, absent);
        }

        @Override
        public double decimal(EventField field, double absent) {
            return event.decimal(field, absent);
        }

        @Override
        public String text(EventField field) {
            return textOrEmpty(event.text(field));
        }

        @Override
        public long timestamp(EventField field) {
            int index = event.position(field);
            if (index < 0) {
                return 0;
            }
            return event.inMillis(index) ? event.numbers[index] * 1_000_000L : epochNanos(index);
        }

        private long epochNanos(int index) {
            if (index < 0) {
                return 0;
            }
            return epochNanosOf(event.numbers[index]);
        }

        private long epochNanosOf(long timestamp) {
            long ticks = timestamp - startTicks;
            // The division gives the ticks back, and costs more than the rest of an event.
            if (nanosecondsAlready(ticks)) {
                return startNanos + ticks;
            }
            return startNanos + (long) (ticks / ticksPerNano);
        }

        /**
         * Whether converting {@code ticks} to nanoseconds gives them back: at a tick a nanosecond
         * (most JDKs on Linux), wherever a double holds them exactly.
         */
        private boolean nanosecondsAlready(long ticks) {
            return ticksPerNano == 1.0 && Math.abs(ticks) < EXACT_IN_DOUBLE;
        }

        /** A label as {@link FieldIndex#text} words it for the JMC path. */
        private String label(int index) {
            JfrMetadata.Field field = event.field(index);
            if (!field.constantPool) {
                return textOrEmpty((String) event.objects[index]);
            }
            long id = event.numbers[index];
            return switch (field.type.name) {
                case "jdk.types.Method" -> constants.methodText(id);
                case "java.lang.Class" -> constants.classText(id);
                case "java.lang.Thread" -> constants.threadText(id);
                default -> textOrEmpty(values.pooledValue(field.type, id, 0) instanceof String s ? s : null);
            };
        }

        private static String textOrEmpty(String text) {
            return text == null ? "" : text;
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * Reads the fields of one event type into slots by position: numbers, pool ids, or values. The
 * direct reader takes the fields {@link ReportedEvent} lists; the others are stepped over. A
 * field of a kind the reader would not word as JMC does is not taken: {@link #declined} then says
 * why, and the chunk is left to JMC's parser.
 */
final class EventFields {
    private static final byte SKIP = 0;
    private static final byte LONG = 1;
    private static final byte NARROW_NUMBER = 2;
    private static final byte REFERENCE = 3;
    private static final byte POOLED_TEXT = 4;
    private static final byte VALUE = 5;
    private static final byte SCOPE_NAME = 6;

    final JfrMetadata.Type type;
    private final JfrMetadata.Field[] fields;
    /** What to do with each field, by position: decided once, so reading an event is one switch a field. */
    private final byte[] actions;
    /** Where each of the report's fields is, by {@link EventField#ordinal()}; -1 for one the type lacks. */
    private final int[] positions;
    /** Whether a timestamp is in milliseconds since the epoch rather than ticks, by position. */
    private final boolean[] inMillis;
    final long[] numbers;
    final Object[] objects;
    private ScopeNameIds scopeNameIds;
    private String declined;

    EventFields(JfrMetadata.Type type) {
        this.type = type;
        fields = type.fields.toArray(new JfrMetadata.Field[0]);
        actions = new byte[fields.length];
        inMillis = new boolean[fields.length];
        numbers = new long[fields.length];
        objects = new Object[fields.length];
        positions = new int[EventField.values().length];
        Arrays.fill(positions, -1);
    }

    /** Why the direct reader must leave this type's chunk to JMC; null when it reads every field asked for. */
    String declined() {
        return declined;
    }

    void decline(String reason) {
        if (declined == null) {
            declined = reason;
        }
    }

    /** Takes one of the report's fields, at its position in the type, to be read as its kind says. */
    void take(EventField field, int index) {
        JfrMetadata.Field described = fields[index];
        String refusal = switch (field.kind) {
            case START -> ticks(described, "jdk.jfr.Timestamp");
            case DURATION -> ticks(described, "jdk.jfr.Timespan");
            case THREAD -> reference(described, "java.lang.Thread");
            case STACK_TRACE -> reference(described, "jdk.types.StackTrace");
            case CLASS -> reference(described, "java.lang.Class");
            case NUMBER -> number(described);
            case DECIMAL -> decimal(described);
            case TEXT -> described.type.layout != JfrMetadata.Layout.STRING ? "not text" : text(described);
            case TIMESTAMP -> timestamp(described, index);
            case LABEL -> text(described);
        };
        if (refusal != null) {
            decline((field.kind == EventField.Kind.LABEL ? "the label " : "the ") + described.name + " of " + type.name
                    + " (" + described.type.name + ") is " + refusal);
            return;
        }
        actions[index] = switch (field.kind) {
            case THREAD, STACK_TRACE, CLASS -> REFERENCE;
            case START, DURATION, NUMBER, TIMESTAMP -> "long".equals(described.type.name) ? LONG : NARROW_NUMBER;
            case DECIMAL -> described.type.layout == JfrMetadata.Layout.VARINT ? NARROW_NUMBER : VALUE;
            case TEXT, LABEL -> !described.constantPool ? VALUE
                    : described.type.layout == JfrMetadata.Layout.STRING ? POOLED_TEXT : REFERENCE;
        };
        positions[field.ordinal()] = index;
    }

    /**
     * Reads a text field taken as {@link EventField#SCOPE_LABEL} as the name's id, which
     * {@link #number(EventField, long)} then gives. A pooled one stays text.
     */
    void scopeNameAsId(ScopeNameIds ids) {
        int index = positions[EventField.SCOPE_LABEL.ordinal()];
        if (index >= 0 && actions[index] == VALUE && fields[index].type.layout == JfrMetadata.Layout.STRING) {
            actions[index] = SCOPE_NAME;
            scopeNameIds = ids;
        }
    }

    /**
     * Whether the type is laid out as the JDK writes jdk.ObjectAllocationSample: the start time,
     * the thread, the stack trace, the class and the weight, in that order, each a varint, with
     * nothing else; the direct reader then reads them in one go.
     */
    boolean sampleLayout() {
        return fields.length == 5 && declined == null
                && positions[EventField.START_TIME.ordinal()] == 0 && actions[0] == LONG && !inMillis[0]
                && positions[EventField.EVENT_THREAD.ordinal()] == 1 && actions[1] == REFERENCE
                && positions[EventField.STACK_TRACE.ordinal()] == 2 && actions[2] == REFERENCE
                && positions[EventField.OBJECT_CLASS.ordinal()] == 3 && actions[3] == REFERENCE
                && positions[EventField.WEIGHT.ordinal()] == 4 && actions[4] == LONG;
    }

    /** Whether the scope's label is read as a name id. */
    boolean scopeNameIsId() {
        int index = positions[EventField.SCOPE_LABEL.ordinal()];
        return index >= 0 && actions[index] == SCOPE_NAME;
    }

    // Each check below gives null for a field it takes, or what the field is, for the reason.

    /** A char (JMC makes it a character) or an unsigned narrow integer (JMC widens it) is left to JMC. */
    private static String number(JfrMetadata.Field field) {
        if (field.array || field.constantPool || field.type.layout != JfrMetadata.Layout.VARINT) {
            return "not a plain integer";
        }
        if ("char".equals(field.type.name)) {
            return "a char";
        }
        if (field.annotation("jdk.jfr.Unsigned") != null && !"long".equals(field.type.name)) {
            return "an unsigned narrow integer";
        }
        return null;
    }

    /** A float or double; an integer is taken as it is. */
    private static String decimal(JfrMetadata.Field field) {
        JfrMetadata.Layout layout = field.type.layout;
        return field.array || field.constantPool || layout == JfrMetadata.Layout.STRUCT
                || layout == JfrMetadata.Layout.STRING || layout == JfrMetadata.Layout.BYTE ? "not a plain number" : null;
    }

    /**
     * A reference to a pool of {@code typeName}. Every writer gives an event's thread, stack trace
     * and class those types: another name is damaged metadata (a renamed type), which would lose
     * every thread, stack or class in silence.
     */
    private String reference(JfrMetadata.Field field, String typeName) {
        if (field.array || !field.constantPool) {
            return "not a pool reference";
        }
        if (!typeName.equals(field.type.name)) {
            throw new DamagedChunk("its metadata gives the " + field.name + " of " + type.name + " the type "
                    + field.type.name + ", not " + typeName);
        }
        return null;
    }

    /** Text, inline or pooled, or a pool reference (a label's method, class or thread). */
    private static String text(JfrMetadata.Field field) {
        return field.array || !field.constantPool && field.type.layout != JfrMetadata.Layout.STRING
                ? "neither text nor a pool reference" : null;
    }

    /**
     * A time in ticks: the start ({@code jdk.jfr.Timestamp}) or the duration
     * ({@code jdk.jfr.Timespan}) that the JDK writes in ticks; another unit is left to JMC. Every
     * writer gives these fields of every event type their unit: one without is damaged metadata
     * (a renamed annotation type, say), which JMC would read as durations of 0, in silence.
     */
    private String ticks(JfrMetadata.Field field, String annotation) {
        String number = number(field);
        if (number != null) {
            return number;
        }
        String unit = field.annotation(annotation);
        if (unit == null) {
            throw new DamagedChunk("its metadata gives the " + field.name + " of " + type.name + " no unit of time");
        }
        return "TICKS".equals(unit) ? null : "in " + unit;
    }

    /** A point in time in ticks or in milliseconds since the epoch (jdk.JVMInformation's start, by JDK). */
    private String timestamp(JfrMetadata.Field field, int index) {
        String number = number(field);
        if (number != null) {
            return number;
        }
        String unit = JfrMetadata.timestampUnit(field);
        if (!"TICKS".equals(unit) && !"MILLISECONDS_SINCE_EPOCH".equals(unit)) {
            return "in " + unit;
        }
        inMillis[index] = "MILLISECONDS_SINCE_EPOCH".equals(unit);
        return null;
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
                case SCOPE_NAME -> numbers[i] = scopeNameIds.read(in);
                default -> JfrMetadata.skip(in, fields[i]);
            }
        }
    }

    /** Where a field is in the type; -1 when the type lacks it. */
    int position(EventField field) {
        return positions[field.ordinal()];
    }

    JfrMetadata.Field field(int position) {
        return fields[position];
    }

    boolean inMillis(int position) {
        return inMillis[position];
    }

    long number(EventField field, long absent) {
        int index = positions[field.ordinal()];
        return index >= 0 ? numbers[index] : absent;
    }

    double decimal(EventField field, double absent) {
        int index = positions[field.ordinal()];
        if (index < 0) {
            return absent;
        }
        return objects[index] instanceof Double d ? d : numbers[index];
    }

    /** Text; null when the type lacks the field or the event has none. */
    String text(EventField field) {
        int index = positions[field.ordinal()];
        return index >= 0 ? (String) objects[index] : null;
    }
}

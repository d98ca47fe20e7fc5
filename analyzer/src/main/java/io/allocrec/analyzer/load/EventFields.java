package io.allocrec.analyzer.load;

/**
 * Reads the fields of one event type into slots by position: numbers, pool ids, or values. The
 * direct reader asks for the fields it uses; the others are stepped over. A field of a kind the
 * reader would not word as JMC does makes it leave the chunk to JMC ({@link DirectChunkReader.Declined}).
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
    final long[] numbers;
    final Object[] objects;
    private ScopeNameIds scopeNameIds;

    EventFields(JfrMetadata.Type type) {
        this.type = type;
        fields = type.fields.toArray(new JfrMetadata.Field[0]);
        actions = new byte[fields.length];
        numbers = new long[fields.length];
        objects = new Object[fields.length];
    }

    /**
     * Asks for a numeric field; -1 when the type has none by that name. A char (JMC makes it a
     * character) or an unsigned narrow integer (JMC widens it) is left to JMC.
     */
    int number(String name) {
        int index = type.index(name);
        if (index >= 0) {
            JfrMetadata.Field field = fields[index];
            if (field.array || field.constantPool || field.type.layout != JfrMetadata.Layout.VARINT
                    || "char".equals(field.type.name)
                    || field.annotation("jdk.jfr.Unsigned") != null && !"long".equals(field.type.name)) {
                throw new DirectChunkReader.Declined();
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
                throw new DirectChunkReader.Declined();
            }
            actions[index] = layout == JfrMetadata.Layout.VARINT ? NARROW_NUMBER : VALUE;
        }
        return index;
    }

    /**
     * Asks for a field that refers to a pool of {@code typeName}. Every writer gives an event's
     * thread, stack trace and class those types: another name is damaged metadata (a renamed
     * type), which would lose every thread, stack or class in silence.
     */
    int reference(String name, String typeName) {
        int index = type.index(name);
        if (index >= 0) {
            JfrMetadata.Field field = fields[index];
            if (field.array || !field.constantPool) {
                throw new DirectChunkReader.Declined();
            }
            if (!typeName.equals(field.type.name)) {
                throw new DamagedChunk("its metadata gives the " + name + " of " + type.name + " the type "
                        + field.type.name + ", not " + typeName);
            }
            actions[index] = REFERENCE;
        }
        return index;
    }

    /** Asks for a text field, inline or pooled; a field of another type is left to JMC, which words it. */
    int text(String name) {
        int index = type.index(name);
        if (index >= 0) {
            if (fields[index].type.layout != JfrMetadata.Layout.STRING) {
                throw new DirectChunkReader.Declined();
            }
            want(index);
        }
        return index;
    }

    /**
     * Asks for a time in ticks: the start ({@code jdk.jfr.Timestamp}) or the duration
     * ({@code jdk.jfr.Timespan}) that the JDK writes in ticks; another unit is left to JMC. Every
     * writer gives these fields of every event type their unit: one without is damaged metadata
     * (a renamed annotation type, say), which JMC would read as durations of 0, in silence.
     */
    int ticks(String name, String annotation) {
        int index = number(name);
        if (index >= 0) {
            String unit = fields[index].annotation(annotation);
            if (unit == null) {
                throw new DamagedChunk("its metadata gives the " + name + " of " + type.name + " no unit of time");
            }
            if (!"TICKS".equals(unit)) {
                throw new DirectChunkReader.Declined();
            }
        }
        return index;
    }

    /** Asks for a field of a kind {@link #read} takes as it is: text (inline or pooled) or a pool reference. */
    void want(int index) {
        JfrMetadata.Field field = fields[index];
        if (field.array || !field.constantPool && field.type.layout != JfrMetadata.Layout.STRING) {
            throw new DirectChunkReader.Declined();
        }
        actions[index] = !field.constantPool ? VALUE
                : field.type.layout == JfrMetadata.Layout.STRING ? POOLED_TEXT : REFERENCE;
    }

    /**
     * Takes a text field asked for with {@link #want} as a scope name: read as the name's id,
     * which {@link #number(int, long)} then gives. A pooled one stays text.
     */
    void scopeName(int index, ScopeNameIds ids) {
        if (actions[index] == VALUE && fields[index].type.layout == JfrMetadata.Layout.STRING) {
            actions[index] = SCOPE_NAME;
            scopeNameIds = ids;
        }
    }

    /** Whether {@link #scopeName} made the field at {@code index} a name id. */
    boolean isScopeName(int index) {
        return index >= 0 && actions[index] == SCOPE_NAME;
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

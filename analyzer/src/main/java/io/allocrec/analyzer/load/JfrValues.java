package io.allocrec.analyzer.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads values of a chunk's declared types, inline or from its constant pools. A struct comes
 * back as its fields: numbers as {@link Long} or {@link Double}, text as {@link String}, a pool
 * reference as its id ({@link Long}) for the caller to follow, a simple type (such as
 * jdk.types.Symbol) as the value it wraps; arrays and nested structs are stepped over (null).
 */
final class JfrValues {

    private static final int MAX_DEPTH = 16;

    private final JfrInput in;
    private final JfrConstantPools pools;
    private final JfrMetadata.Type stringType;
    private final Map<Long, String> pooledStrings = new HashMap<>();
    private boolean resolvingPooledString;

    JfrValues(JfrInput in, JfrMetadata metadata, JfrConstantPools pools) {
        this.in = in;
        this.pools = pools;
        this.stringType = metadata.type("java.lang.String");
    }

    /** The fields of a pool entry, or null when the pools do not hold it. */
    Object[] pooled(JfrMetadata.Type type, long id) {
        int offset = pools.offset(type, id);
        if (offset < 0) {
            return null;
        }
        int back = in.position();
        in.seek(offset);
        Object[] fields = struct(type, 0);
        in.seek(back);
        return fields;
    }

    /**
     * What a pool reference of a field stands for when its type is simple or text (a symbol's
     * string, say); null when the pools do not hold it.
     */
    Object pooledValue(JfrMetadata.Type type, long id, int depth) {
        int offset = pools.offset(type, id);
        if (offset < 0) {
            return null;
        }
        int back = in.position();
        in.seek(offset);
        Object value = value(type, depth);
        in.seek(back);
        return value;
    }

    /** A struct's fields at the current position. */
    Object[] struct(JfrMetadata.Type type, int depth) {
        Object[] values = new Object[type.fields.size()];
        for (int i = 0; i < values.length; i++) {
            JfrMetadata.Field field = type.fields.get(i);
            if (field.array) {
                JfrMetadata.skip(in, field);
            } else if (field.constantPool) {
                values[i] = in.varlong();
            } else if (field.type.layout == JfrMetadata.Layout.STRUCT && !field.type.simple) {
                JfrMetadata.skipValue(in, field.type, depth + 1);
            } else {
                values[i] = value(field.type, depth + 1);
            }
        }
        return values;
    }

    /** One value of a type at the current position: a number, text, or a simple type's value. */
    Object value(JfrMetadata.Type type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("values nest too deeply");
        }
        return switch (type.layout) {
            case BYTE -> "boolean".equals(type.name) ? (Object) (in.readByte() != 0) : (Object) (long) in.readByte();
            case VARINT -> number(type);
            case FLOAT -> (double) Float.intBitsToFloat(in.fixedInt());
            case DOUBLE -> Double.longBitsToDouble(in.fixedLong());
            case STRING -> string();
            case STRUCT -> {
                if (!type.simple) {
                    yield struct(type, depth);
                }
                JfrMetadata.Field only = type.fields.get(0);
                if (only.array) {
                    JfrMetadata.skip(in, only);
                    yield null;
                }
                yield only.constantPool ? pooledValue(only.type, in.varlong(), depth + 1) : value(only.type, depth + 1);
            }
        };
    }

    /** A varint of a numeric type, with the type's own width and sign. */
    long number(JfrMetadata.Type type) {
        long raw = in.varlong();
        return switch (type.name) {
            case "int" -> (int) raw;
            case "short" -> (short) raw;
            case "char" -> (char) raw;
            default -> raw;
        };
    }

    /** A string at the current position, following a reference into the String pool. */
    String string() {
        String text = in.string();
        long reference = in.lastPoolReference();
        if (reference < 0) {
            return text;
        }
        if (resolvingPooledString) {
            // The JDK writes a pooled string's text in place; one that refers on could loop.
            throw new IllegalStateException("a pooled string refers to another pooled string");
        }
        String pooled = pooledStrings.get(reference);
        if (pooled == null && !pooledStrings.containsKey(reference)) {
            resolvingPooledString = true;
            try {
                Object value = pooledValue(stringType, reference, MAX_DEPTH);
                pooled = value instanceof String s ? s : null;
            } finally {
                resolvingPooledString = false;
            }
            pooledStrings.put(reference, pooled);
        }
        return pooled;
    }
}

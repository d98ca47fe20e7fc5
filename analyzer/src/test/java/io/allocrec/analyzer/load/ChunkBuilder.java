package io.allocrec.analyzer.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small JFR chunk (format 2.1, compressed integers, nanosecond ticks) byte by byte, so
 * that tests can make the damage no JVM writes. Its metadata declares the event type
 * {@value #EVENT}: startTime and duration in ticks, eventThread, and a text field {@code text};
 * and {@value #DATA_LOSS} with the JDK's fields: startTime, amount and total (bytes; the JDK also
 * marks the two unsigned, which changes nothing in how they are read).
 * Events and pool values are given in JFR's encoding of their fields.
 */
final class ChunkBuilder {

    static final String EVENT = "test.Ev";
    static final String DATA_LOSS = "jdk.DataLoss";
    static final String SAMPLE = "jdk.ObjectAllocationSample";
    static final long STRING = 12;
    static final long THREAD = 13;
    private static final long BOOLEAN = 11;
    private static final long STACK_TRACE = 14;
    private static final long CLASS = 15;
    private static final long SAMPLE_TYPE = 22;
    private static final long LONG = 10;
    private static final long EVENT_TYPE = 20;
    private static final long DATA_LOSS_TYPE = 21;
    private static final long DATA_AMOUNT = 32;
    private static final long TIMESTAMP = 30;
    private static final long TIMESPAN = 31;
    private static final int HEADER = 68;

    private final List<byte[]> events = new ArrayList<>();
    private final List<Map<Long, Map<Long, byte[]>>> checkpoints = new ArrayList<>();
    private boolean looping;

    /** A test.Ev event: its start and duration in ticks, its thread (a pool id), its text (encoded). */
    ChunkBuilder event(long startTicks, long durationTicks, long thread, byte[] text) {
        events.add(framed(new Bytes().varlong(EVENT_TYPE).varlong(startTicks).varlong(durationTicks)
                .varlong(thread).raw(text).toBytes()));
        return this;
    }

    /**
     * A jdk.ObjectAllocationSample event as the JDK lays it out: its start in ticks; its thread,
     * stack trace and class (pool ids); then its weight, encoded, with whatever follows it.
     */
    ChunkBuilder sample(long startTicks, long thread, long stackTrace, long objectClass, byte[] weight) {
        events.add(framed(new Bytes().varlong(SAMPLE_TYPE).varlong(startTicks).varlong(thread).varlong(stackTrace)
                .varlong(objectClass).raw(weight).toBytes()));
        return this;
    }

    /** An event's bytes as they are, its size included: a damaged one. */
    ChunkBuilder raw(byte[] event) {
        events.add(event);
        return this;
    }

    /** A number as a varint. */
    static byte[] varlong(long value) {
        return new Bytes().varlong(value).toBytes();
    }

    /** A jdk.DataLoss event: JFR dropped {@code amount} bytes, {@code total} so far. */
    ChunkBuilder dataLoss(long startTicks, long amount, long total) {
        events.add(framed(new Bytes().varlong(DATA_LOSS_TYPE).varlong(startTicks).varlong(amount).varlong(total)
                .toBytes()));
        return this;
    }

    /** A checkpoint holding pools: type id, pool id, value (encoded), repeated. */
    ChunkBuilder checkpoint(Object... typeIdValue) {
        Map<Long, Map<Long, byte[]>> pools = new LinkedHashMap<>();
        for (int i = 0; i < typeIdValue.length; i += 3) {
            pools.computeIfAbsent(((Number) typeIdValue[i]).longValue(), t -> new LinkedHashMap<>())
                    .put(((Number) typeIdValue[i + 1]).longValue(), (byte[]) typeIdValue[i + 2]);
        }
        checkpoints.add(pools);
        return this;
    }

    /** Makes the first checkpoint point forward at the last, so the chain of checkpoints never ends. */
    ChunkBuilder looping() {
        looping = true;
        return this;
    }

    /** A thread's pool value: OS name, OS id, Java name, Java id. */
    static byte[] thread(String name, long javaId) {
        return new Bytes().string(name).varlong(javaId).string(name).varlong(javaId).toBytes();
    }

    /** A string written in place (UTF-8). */
    static byte[] text(String text) {
        return new Bytes().string(text).toBytes();
    }

    /** A string that refers to the String pool. */
    static byte[] pooledText(long id) {
        return new Bytes().raw(new byte[] {2}).varlong(id).toBytes();
    }

    byte[] build() {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(new byte[HEADER]);
        events.forEach(chunk::writeBytes);
        List<Integer> offsets = new ArrayList<>();
        for (Map<Long, Map<Long, byte[]>> pools : checkpoints) {
            int offset = chunk.size();
            long delta = offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1) - offset;
            offsets.add(offset);
            chunk.writeBytes(checkpointEvent(delta, pools));
        }
        int metadataOffset = chunk.size();
        chunk.writeBytes(metadata());
        byte[] bytes = chunk.toByteArray();
        if (looping && offsets.size() > 1) {
            int first = offsets.get(0);
            byte[] delta = nineByte(offsets.get(offsets.size() - 1) - first);
            System.arraycopy(delta, 0, bytes, first + 4 + 3, delta.length); // after size, type, start, duration
        }
        ByteBuffer.wrap(bytes).put("FLR\0".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 2)
                .putShort((short) 1).putLong(bytes.length).putLong(offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1))
                .putLong(metadataOffset).putLong(1_000_000_000L).putLong(1_000).putLong(0)
                .putLong(1_000_000_000L).putInt(1);
        return bytes;
    }

    private static byte[] checkpointEvent(long delta, Map<Long, Map<Long, byte[]>> pools) {
        Bytes body = new Bytes().varlong(1).varlong(0).varlong(0).raw(nineByte(delta)).raw(new byte[] {0})
                .varlong(pools.size());
        pools.forEach((type, entries) -> {
            body.varlong(type).varlong(entries.size());
            entries.forEach((id, value) -> body.varlong(id).raw(value));
        });
        return framed(body.toBytes());
    }

    private static byte[] metadata() {
        Element threadType = type(THREAD, "java.lang.Thread", null,
                field("osName", STRING), field("osThreadId", LONG), field("javaName", STRING), field("javaThreadId", LONG));
        Element eventType = type(EVENT_TYPE, EVENT, "jdk.jfr.Event",
                annotated(field("startTime", LONG), TIMESTAMP), annotated(field("duration", LONG), TIMESPAN),
                field("eventThread", THREAD).with("constantPool", "true"), field("text", STRING));
        Element dataLossType = type(DATA_LOSS_TYPE, DATA_LOSS, "jdk.jfr.Event",
                annotated(field("startTime", LONG), TIMESTAMP), unit(field("amount", LONG), DATA_AMOUNT, "BYTES"),
                unit(field("total", LONG), DATA_AMOUNT, "BYTES"));
        Element sampleType = type(SAMPLE_TYPE, SAMPLE, "jdk.jfr.Event",
                annotated(field("startTime", LONG), TIMESTAMP), field("eventThread", THREAD).with("constantPool", "true"),
                field("stackTrace", STACK_TRACE).with("constantPool", "true"),
                field("objectClass", CLASS).with("constantPool", "true"),
                unit(field("weight", LONG), DATA_AMOUNT, "BYTES"));
        Element root = new Element("root").child(new Element("metadata").child(type(LONG, "long", null))
                .child(type(STRING, "java.lang.String", null))
                .child(type(BOOLEAN, "boolean", null))
                .child(type(STACK_TRACE, "jdk.types.StackTrace", null, field("truncated", BOOLEAN)))
                .child(type(CLASS, "java.lang.Class", null, field("name", STRING)))
                .child(sampleType)
                .child(type(TIMESTAMP, "jdk.jfr.Timestamp", "java.lang.annotation.Annotation"))
                .child(type(TIMESPAN, "jdk.jfr.Timespan", "java.lang.annotation.Annotation"))
                .child(type(DATA_AMOUNT, "jdk.jfr.DataAmount", "java.lang.annotation.Annotation"))
                .child(threadType).child(eventType).child(dataLossType));
        List<String> strings = new ArrayList<>();
        Bytes tree = new Bytes();
        root.write(tree, strings);
        Bytes body = new Bytes().varlong(0).varlong(0).varlong(0).varlong(1).varlong(strings.size());
        strings.forEach(body::string);
        return framed(body.raw(tree.toBytes()).toBytes());
    }

    private static Element type(long id, String name, String superType, Element... fields) {
        Element type = new Element("class").with("name", name).with("id", Long.toString(id));
        if (superType != null) {
            type.with("superType", superType);
        }
        for (Element field : fields) {
            type.child(field);
        }
        return type;
    }

    private static Element field(String name, long type) {
        return new Element("field").with("name", name).with("class", Long.toString(type));
    }

    private static Element annotated(Element field, long annotation) {
        return unit(field, annotation, "TICKS");
    }

    private static Element unit(Element field, long annotation, String value) {
        return field.child(new Element("annotation").with("class", Long.toString(annotation)).with("value", value));
    }

    /** An element of the metadata tree. */
    private static final class Element {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        Element with(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        Element child(Element child) {
            children.add(child);
            return this;
        }

        void write(Bytes out, List<String> strings) {
            out.varlong(index(strings, name)).varlong(attributes.size());
            attributes.forEach((key, value) -> out.varlong(index(strings, key)).varlong(index(strings, value)));
            out.varlong(children.size());
            children.forEach(child -> child.write(out, strings));
        }

        private static int index(List<String> strings, String value) {
            if (!strings.contains(value)) {
                strings.add(value);
            }
            return strings.indexOf(value);
        }
    }

    /** An event with its size in front, as a padded four-byte varint (as the JDK writes large ones). */
    private static byte[] framed(byte[] rest) {
        int size = 4 + rest.length;
        return new Bytes().raw(new byte[] {(byte) (size | 0x80), (byte) (size >>> 7 | 0x80), (byte) (size >>> 14 | 0x80),
                (byte) (size >>> 21 & 0x7F)}).raw(rest).toBytes();
    }

    /** Any long as a nine-byte varint (a negative delta, for instance). */
    private static byte[] nineByte(long value) {
        byte[] bytes = new byte[9];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (7 * i) & 0x7F | 0x80);
        }
        bytes[8] = (byte) (value >>> 56);
        return bytes;
    }

    /** A growing byte array with JFR's encodings. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes varlong(long value) {
            long v = value;
            for (int i = 0; i < 8 && (v & ~0x7FL) != 0; i++) {
                out.write((int) (v & 0x7F | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Bytes string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.write(3);
            varlong(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}

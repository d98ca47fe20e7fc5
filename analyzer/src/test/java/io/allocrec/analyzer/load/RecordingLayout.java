package io.allocrec.analyzer.load;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the parts of a recording are in its file (format 2, compressed integers): each chunk's
 * metadata event, its checkpoint events and the entries of each constant pool inside them, and
 * its other events. Tests damage a chosen part with it; it does not judge what it lists.
 */
public final class RecordingLayout {

    /** What a part is. */
    public enum Kind { METADATA, CHECKPOINT, POOL, EVENT }

    /**
     * @param kind  what it is
     * @param type  the pool's or event's type name (null for metadata and checkpoints)
     * @param chunk where its chunk starts in the file
     * @param start where it starts in the file (a pool: its first entry)
     * @param end   where it ends in the file (exclusive)
     */
    public record Part(Kind kind, String type, long chunk, long start, long end) {
        public long size() {
            return end - start;
        }
    }

    private RecordingLayout() {
    }

    /** The parts of every format-2 chunk of the file, in file order. */
    public static List<Part> of(byte[] file) {
        List<Part> parts = new ArrayList<>();
        long offset = 0;
        while (offset + ChunkHeaders.HEADER_BYTES <= file.length) {
            ByteBuffer header = ByteBuffer.wrap(file, (int) offset, ChunkHeaders.HEADER_BYTES).slice();
            long size = header.getLong(8);
            if (header.getShort(4) == 2 && (header.getInt(64) & 1) != 0) {
                byte[] chunk = Arrays.copyOfRange(file, (int) offset, (int) (offset + size));
                chunkParts(chunk, offset, (int) header.getLong(24), parts);
            }
            offset += size;
        }
        return parts;
    }

    private static void chunkParts(byte[] chunk, long chunkOffset, int metadataOffset, List<Part> parts) {
        JfrInput in = new JfrInput(chunk, chunk.length);
        JfrMetadata metadata = JfrMetadata.read(in, metadataOffset);
        int position = ChunkHeaders.HEADER_BYTES;
        while (position < chunk.length) {
            in.seek(position);
            int size = in.varint();
            long type = in.varlong();
            int end = position + size;
            if (type == 0) {
                parts.add(new Part(Kind.METADATA, null, chunkOffset, chunkOffset + position, chunkOffset + end));
            } else if (type == 1) {
                parts.add(new Part(Kind.CHECKPOINT, null, chunkOffset, chunkOffset + position, chunkOffset + end));
                pools(in, metadata, chunkOffset, parts);
            } else {
                JfrMetadata.Type eventType = metadata.typeOrNull(type);
                parts.add(new Part(Kind.EVENT, eventType == null ? null : eventType.name, chunkOffset,
                        chunkOffset + position, chunkOffset + end));
            }
            position = end;
        }
    }

    /**
     * The pool ids that stand for two different values in one chunk, as "chunk offset/type/id":
     * JMC takes the value met first (walking from the last checkpoint) and the JDK's reader the
     * other. The JDK writes such ids itself (a class listed twice with other symbol ids, say).
     */
    public static Set<String> idsWithTwoValues(byte[] file) {
        Set<String> ids = new HashSet<>();
        Map<String, byte[]> values = new HashMap<>();
        for (Part pool : of(file)) {
            if (pool.kind() != Kind.POOL) {
                continue;
            }
            byte[] chunk = Arrays.copyOfRange(file, (int) pool.chunk(), file.length);
            JfrMetadata metadata = JfrMetadata.read(new JfrInput(chunk, chunk.length),
                    (int) ByteBuffer.wrap(chunk).getLong(24));
            JfrMetadata.Type type = metadata.type(pool.type());
            JfrInput in = new JfrInput(chunk, (int) (pool.end() - pool.chunk()));
            in.seek((int) (pool.start() - pool.chunk()));
            while (in.remaining() > 0) {
                long id = in.varlong();
                int start = in.position();
                JfrMetadata.skipValue(in, type, 0);
                String key = pool.chunk() + "/" + pool.type() + "/" + id;
                byte[] value = Arrays.copyOfRange(chunk, start, in.position());
                byte[] earlier = values.putIfAbsent(key, value);
                if (earlier != null && !Arrays.equals(earlier, value)) {
                    ids.add(key);
                }
            }
        }
        return ids;
    }

    /**
     * Whether a chunk's clock is one the JDK's reader reads apart from JMC: it divides ticks by
     * the whole number of ticks a nanosecond (0 below one), where JMC and the report divide by the
     * exact ratio. Times then part a little (by 1 part in 300,000 at 150,000.5 ticks a nanosecond),
     * and ties fall apart: enough to move a sample across a scope's edge.
     */
    public static boolean clockReadApart(byte[] file) {
        ByteBuffer bytes = ByteBuffer.wrap(file);
        for (long offset = 0; offset + ChunkHeaders.HEADER_BYTES <= file.length; ) {
            long size = bytes.getLong((int) offset + 8);
            if (bytes.getLong((int) offset + 56) % 1_000_000_000L != 0) {
                return true;
            }
            if (size <= 0 || size > file.length - offset) {
                return false;
            }
            offset += size;
        }
        return false;
    }

    private static void pools(JfrInput in, JfrMetadata metadata, long chunkOffset, List<Part> parts) {
        in.varlong(); // start
        in.varlong(); // duration
        in.varlong(); // delta
        in.readByte();
        int pools = in.count();
        for (int i = 0; i < pools; i++) {
            JfrMetadata.Type type = metadata.type(in.varlong());
            int count = in.count();
            int start = in.position();
            for (int j = 0; j < count; j++) {
                in.varlong();
                JfrMetadata.skipValue(in, type, 0);
            }
            parts.add(new Part(Kind.POOL, type.name, chunkOffset, chunkOffset + start, chunkOffset + in.position()));
        }
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.load.RecordingLayout;
import io.allocrec.analyzer.load.RecordingLayout.Kind;
import io.allocrec.analyzer.load.RecordingLayout.Part;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded damage to a real recording, by category: random (truncations, byte flips, zeroed
 * regions, chunk header fields and the mark of a chunk still being written, structural cases) and aimed at the parts a reader trusts most
 * (the entries of a constant pool, the metadata, a checkpoint's own fields), where random damage
 * rarely lands in a small recording.
 */
final class Mutations {

    static final List<String> CATEGORIES = List.of("truncation", "byte flips", "zeroed region", "chunk header field",
            "structure", "constant pool", "metadata", "checkpoint fields");
    private static final int HEADER = 68;
    /** The header byte that format 2.1 keeps non-zero while the JVM writes the chunk. */
    private static final int FILE_STATE = 64;

    private final byte[] original;
    /** {offset, size} of each chunk. */
    private final List<long[]> chunks;
    private final List<Part> pools;
    private final List<Part> metadata;
    private final List<Part> checkpoints;

    Mutations(byte[] original) {
        this.original = original;
        this.chunks = chunks(original);
        List<Part> layout = RecordingLayout.of(original);
        pools = layout.stream().filter(p -> p.kind() == Kind.POOL && p.size() > 0).toList();
        checkpoints = layout.stream().filter(p -> p.kind() == Kind.CHECKPOINT).toList();
        // The metadata a chunk's header points at; an earlier one in the chunk is not read.
        metadata = new ArrayList<>();
        for (long[] chunk : chunks) {
            long at = chunk[0] + ByteBuffer.wrap(original).getLong((int) chunk[0] + 24);
            layout.stream().filter(p -> p.kind() == Kind.METADATA && p.start() == at).forEach(metadata::add);
        }
    }

    /** The original with the damage of {@code category}: a new array. */
    byte[] apply(String category, SplittableRandom random) {
        byte[] data = original.clone();
        switch (category) {
            case "truncation" -> {
                return Arrays.copyOf(data, 1 + random.nextInt(data.length - 1));
            }
            case "byte flips" -> flips(data, 0, data.length, random);
            case "zeroed region" -> {
                int at = random.nextInt(data.length);
                Arrays.fill(data, at, Math.min(data.length, at + 1 + random.nextInt(256)), (byte) 0);
            }
            case "chunk header field" -> {
                long[] chunk = chunks.get(random.nextInt(chunks.size()));
                int field = 8 + 8 * random.nextInt(8); // size, cp, metadata, start, duration, ticks, ticks/s, file state
                if (field == FILE_STATE) { // marked as still being written: only the last chunk may be
                    data[(int) chunk[0] + FILE_STATE] = (byte) (1 + random.nextInt(255));
                    return data;
                }
                long[] values = {0, -1, 1, 67, Long.MAX_VALUE, 1L << 40, chunk[1] + 1, chunk[1] / 2};
                ByteBuffer.wrap(data).putLong((int) chunk[0] + field, values[random.nextInt(values.length)]);
            }
            case "constant pool" -> inside(data, pools.get(random.nextInt(pools.size())), random);
            case "metadata" -> inside(data, metadata.get(random.nextInt(metadata.size())), random);
            case "checkpoint fields" -> {
                // Its size, type, times, delta, kind, pool count, first pool's type and count.
                Part checkpoint = checkpoints.get(random.nextInt(checkpoints.size()));
                flips(data, (int) checkpoint.start(), (int) Math.min(checkpoint.end(), checkpoint.start() + 24), random);
            }
            default -> {
                return structure(data, random);
            }
        }
        return data;
    }

    /** Whether {@code damaged} is the original followed by a copy of its first chunk (read once by the report). */
    boolean isFirstChunkRepeated(byte[] damaged) {
        return damaged.length > original.length
                && Arrays.equals(damaged, 0, original.length, original, 0, original.length)
                && Arrays.equals(damaged, original.length, damaged.length, original, 0, damaged.length - original.length);
    }

    /** Damage inside one part: a zeroed run (up to 4 KB), flipped bits, or a byte set at random. */
    private static void inside(byte[] data, Part part, SplittableRandom random) {
        int start = (int) part.start();
        int size = (int) part.size();
        switch (random.nextInt(3)) {
            case 0 -> {
                int length = 1 + random.nextInt(Math.min(size, 4096));
                int at = start + random.nextInt(size - length + 1);
                Arrays.fill(data, at, at + length, (byte) 0);
            }
            case 1 -> flips(data, start, start + size, random);
            default -> data[start + random.nextInt(size)] = (byte) random.nextInt(256);
        }
    }

    private static void flips(byte[] data, int from, int to, SplittableRandom random) {
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int at = from + random.nextInt(to - from);
            data[at] ^= (byte) (1 << random.nextInt(8));
        }
    }

    private byte[] structure(byte[] data, SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0 -> { // a chunk twice
                long[] chunk = chunks.get(0);
                byte[] twice = Arrays.copyOf(data, data.length + (int) chunk[1]);
                System.arraycopy(data, (int) chunk[0], twice, data.length, (int) chunk[1]);
                return twice;
            }
            case 1 -> { // garbage after the last chunk
                byte[] tail = Arrays.copyOf(data, data.length + 1 + random.nextInt(100));
                for (int i = data.length; i < tail.length; i++) {
                    tail[i] = (byte) random.nextInt(256);
                }
                return tail;
            }
            case 2 -> { // a major version the parser does not read
                ByteBuffer.wrap(data).putShort(4, (short) (3 + random.nextInt(100)));
                return data;
            }
            default -> { // only the header
                return Arrays.copyOf(data, HEADER);
            }
        }
    }

    private static List<long[]> chunks(byte[] data) {
        List<long[]> chunks = new ArrayList<>();
        long offset = 0;
        while (offset < data.length) {
            long size = ByteBuffer.wrap(data).getLong((int) offset + 8);
            chunks.add(new long[] {offset, size});
            offset += size;
        }
        assertEquals(data.length, chunks.stream().mapToLong(c -> c[1]).sum());
        return chunks;
    }
}

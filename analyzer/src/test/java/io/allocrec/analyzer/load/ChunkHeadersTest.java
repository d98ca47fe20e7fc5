package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.allocrec.exit.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkHeaders#scan} on recordings built byte by byte (big-endian, as JFR writes them).
 *
 * <p>Format 1 and 2 chunks start with a 68-byte header: magic "FLR\0" (0), major (4) and minor
 * (6) version, then longs: size (8, header included), constant pool offset (16), metadata offset
 * (24), start nanos (32), duration nanos (40), start ticks (48), ticks per second (56), then an int
 * of features (64). Format 0.9 (JDK 7 and 8) has the metadata offset at byte 8 and ends with the
 * metadata, whose first int is its length. Nothing is read from disk: {@code FILE} only names the
 * recording in messages.
 */
class ChunkHeadersTest {

    private static final Path FILE = Path.of("test.jfr");
    private static final long START = 1_000;        // start nanos of every hand-made chunk
    private static final long BILLION = 1_000_000_000L;

    /**
     * A format 2.1 chunk of {@code length} bytes announcing {@code size}, with its constant pool
     * and metadata right after the header (68), start {@link #START}, duration 5 ns, 1e9 ticks per second.
     */
    private static byte[] chunk(int length, long size) {
        return chunk(length, 2, size, 68, 68, START, 5, BILLION);
    }

    private static byte[] chunk(int length, int major, long size, long constantPool, long metadata, long startNanos,
                                long durationNanos, long ticksPerSecond) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(length, 68)); // big-endian
        buffer.put(new byte[] {'F', 'L', 'R', 0});
        buffer.putShort((short) major).putShort((short) 1);
        buffer.putLong(size);            // 8
        buffer.putLong(constantPool);    // 16
        buffer.putLong(metadata);        // 24
        buffer.putLong(startNanos);      // 32
        buffer.putLong(durationNanos);   // 40
        buffer.putLong(0);               // 48: start ticks
        buffer.putLong(ticksPerSecond);  // 56
        buffer.putInt(0);                // 64: features
        return Arrays.copyOf(buffer.array(), length);
    }

    /** A format 0.9 chunk: metadata at {@code metadata}, whose first int says it is {@code metadataLength} long. */
    private static byte[] chunkV0(int length, long metadata, int metadataLength) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(length, (int) metadata + 4));
        buffer.put(new byte[] {'F', 'L', 'R', 0});
        buffer.putShort((short) 0).putShort((short) 9);
        buffer.putLong(metadata);        // 8
        if (metadata >= 16) {            // else the offset itself is the damage
            buffer.putInt((int) metadata, metadataLength);
        }
        return Arrays.copyOf(buffer.array(), length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The chunks of a file whose chunks are all finished. */
    private static List<ChunkSpan> scan(byte[] content) throws RecordingProblem, IOException {
        ChunkHeaders.Scan scan = ChunkHeaders.scan(new ByteArrayInputStream(content), FILE);
        assertNull(scan.unfinished(), "no chunk left out");
        return scan.complete();
    }

    private static void assertRejected(byte[] content, String expected) {
        RecordingProblem problem = assertThrows(RecordingProblem.class, () -> scan(content));
        assertEquals(ExitCodes.UNREADABLE, problem.exitCode());
        assertEquals(FILE + ": " + expected, problem.getMessage());
    }

    // ---- whole files

    @Test
    void emptyFile() {
        assertRejected(new byte[0], "is empty");
    }

    @Test
    void notARecording() {
        String notJfr = "is not a JFR recording (it does not start with the JFR magic bytes)";
        assertRejected("hello, this is a text file, not a recording at all; long enough for a header.........."
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII), notJfr);
        assertRejected(new byte[] {0x1f, (byte) 0x8b, 8, 0}, notJfr);   // a gzip header: not decompressed here
        assertRejected(new byte[] {'F', 'L', 'R'}, notJfr);              // shorter than the 4-byte magic
        byte[] wrongMagic = chunk(100, 100);
        wrongMagic[2] = 'X';                                             // "FLX\0"
        assertRejected(wrongMagic, notJfr);
    }

    // ---- format 1 and 2

    @Test
    void oneValidChunk() throws Exception {
        // 100 bytes announcing 100: chunk 0 at offset 0, size 100, major 2, start 1000 ns
        assertEquals(List.of(new ChunkSpan(0, 0, 100, 2, START)), scan(chunk(100, 100)));
    }

    @Test
    void smallestValidChunk() throws Exception {
        // the offsets must lie in [68, size): size 69 with both at 68 is the smallest possible
        byte[] smallest = chunk(69, 2, 69, 68, 68, START, 0, 1);
        assertEquals(List.of(new ChunkSpan(0, 0, 69, 2, START)), scan(smallest));
    }

    @Test
    void twoValidChunks() throws Exception {
        // 100 + 80 bytes: the second starts at byte 100; a format 1 chunk second, start 2000 ns
        byte[] second = chunk(80, 1, 80, 68, 70, 2_000, 7, BILLION);
        assertEquals(List.of(new ChunkSpan(0, 0, 100, 2, START), new ChunkSpan(1, 100, 80, 1, 2_000)),
                scan(concat(chunk(100, 100), second)));
    }

    @Test
    void aStreamThatDeliversFewBytesPerReadIsReadWhole() throws Exception {
        // the same two chunks through a stream of 3 pieces, cut inside the header and inside the body
        byte[] bytes = concat(chunk(100, 100), chunk(80, 80));
        InputStream pieces = new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream(bytes, 0, 30), new ByteArrayInputStream(bytes, 30, 90)),
                new ByteArrayInputStream(bytes, 120, 60)); // 30 + 90 + 60 = 180
        assertEquals(List.of(new ChunkSpan(0, 0, 100, 2, START), new ChunkSpan(1, 100, 80, 2, START)),
                ChunkHeaders.scan(pieces, FILE).complete());
    }

    @Test
    void cutOffInsideTheHeader() {
        String cut = "chunk 1 at byte 0 is cut off inside its header: the recording is truncated";
        assertRejected(Arrays.copyOf(chunk(68, 68), 67), cut);   // 67 of the 68 header bytes
        assertRejected(Arrays.copyOf(chunk(68, 68), 30), cut);   // 30: past the version, short of the size fields
        assertRejected(Arrays.copyOf(chunk(68, 68), 10), cut);   // 10: magic and version only
    }

    @Test
    void secondChunkCutOffInsideItsHeader() {
        // chunk 2 at byte 100 has its magic but only 30 header bytes
        assertRejected(concat(chunk(100, 100), Arrays.copyOf(chunk(68, 68), 30)),
                "chunk 2 at byte 100 is cut off inside its header: the recording is truncated");
    }

    @Test
    void cutOffInsideTheBody() {
        // announces 100, the file has 90: the header is whole, 22 of the 32 body bytes are there
        assertRejected(chunk(90, 100), "chunk 1 at byte 0 needs 100 bytes but the file ends before: the recording is truncated");
        // the second chunk at byte 100 announces 100, 90 remain
        assertRejected(concat(chunk(100, 100), chunk(90, 100)),
                "chunk 2 at byte 100 needs 100 bytes but the file ends before: the recording is truncated");
    }

    @Test
    void bytesAfterTheLastChunk() {
        String damaged = "chunk 2 at byte 100 does not start with the JFR magic bytes: the file is damaged";
        assertRejected(concat(chunk(100, 100), new byte[] {'F', 'L'}), damaged);  // 2 stray bytes
        assertRejected(concat(chunk(100, 100), new byte[10]), damaged);          // 10 zeros
    }

    @Test
    void chunkAnnouncingLessThanItHoldsMakesTheNextStartInsideIt() {
        // 100 bytes announcing 80 (metadata at 70): byte 80 is a zero, not "FLR\0"
        assertRejected(chunk(100, 2, 80, 68, 70, START, 5, BILLION),
                "chunk 2 at byte 80 does not start with the JFR magic bytes: the file is damaged");
    }

    /** A chunk as format 2.1 marks it while the JVM writes it: file state (byte 64) at a flush's generation. */
    private static byte[] inProgress(byte[] chunk, int generation) {
        byte[] marked = chunk.clone();
        marked[64] = (byte) generation;
        return marked;
    }

    /** A format 2.0 chunk (JDK 11 to 13), whose byte 64 is the high byte of its features. */
    private static byte[] format20(byte[] chunk) {
        byte[] old = chunk.clone();
        old[7] = 0;
        return old;
    }

    @Test
    void aChunkStillBeingWrittenIsLeftOutNotDamage() throws Exception {
        // Format 2.1: the header says 100 bytes flushed; the JVM has written 20 more since.
        ChunkHeaders.Scan running = ChunkHeaders.scan(new ByteArrayInputStream(
                concat(chunk(100, 100), inProgress(chunk(120, 100), 3))), FILE);
        assertEquals(List.of(new ChunkSpan(0, 0, 100, 2, START)), running.complete());
        assertEquals(new ChunkSpan(1, 100, 100, 2, START), running.unfinished());
        // 255: the JVM is updating the header right now; a repository's chunk file of its own.
        ChunkHeaders.Scan alone = ChunkHeaders.scan(new ByteArrayInputStream(inProgress(chunk(68, 68), 255)), FILE);
        assertEquals(List.of(), alone.complete());
        assertEquals(0, alone.unfinished().offset());
        // Format 2.0 and older: the size or the metadata offset still 0.
        ChunkHeaders.Scan old = ChunkHeaders.scan(new ByteArrayInputStream(
                concat(format20(chunk(100, 100)), format20(chunk(100, 2, 0, 0, 0, START, 0, BILLION)))), FILE);
        assertEquals(List.of(new ChunkSpan(0, 0, 100, 2, START)), old.complete());
        assertEquals(100, old.unfinished().offset());
        assertEquals(100, ChunkHeaders.scan(new ByteArrayInputStream(concat(format20(chunk(100, 100)),
                format20(chunk(100, 2, 100, 68, 0, START, 5, BILLION)))), FILE).unfinished().offset()); // metadata 0
    }

    @Test
    void anUnfinishedMarkWithAChunkAfterItIsDamage() {
        // Only the last chunk can be in the making: the mark on one that another follows is a changed byte.
        assertRejected(concat(inProgress(chunk(100, 100), 1), chunk(100, 100)),
                "chunk 1 at byte 0 is marked as still being written, but another chunk follows it: the file is damaged");
    }

    @Test
    void aFinishedChunkWithoutSizeOrMetadataIsDamage() {
        // Format 2.1 marks an unfinished chunk in its file state; one marked finished must say where it ends.
        assertRejected(chunk(100, 2, 0, 0, 0, START, 0, BILLION),
                "chunk 1 at byte 0 is marked finished but gives no size: the file is damaged");
        assertRejected(chunk(100, 2, 100, 68, 0, START, 5, BILLION),
                "chunk 1 at byte 0 is marked finished but gives no metadata offset: the file is damaged");
    }

    @Test
    void impossibleSize() {
        assertRejected(chunk(100, 2, 67, 68, 68, START, 5, BILLION),
                "chunk 1 at byte 0 declares an impossible size of 67 bytes: the file is damaged");         // < 68
        assertRejected(chunk(100, 2, -1, 68, 80, START, 5, BILLION),
                "chunk 1 at byte 0 declares an impossible size of -1 bytes: the file is damaged");         // negative
        assertRejected(chunk(100, 2, 1L << 31, 68, 80, START, 5, BILLION),
                "chunk 1 at byte 0 declares an impossible size of 2147483648 bytes: the file is damaged"); // 2^31 > int
    }

    @Test
    void offsetsPointingOutsideTheChunk() {
        String outside = "chunk 1 at byte 0 points outside itself for its constant pool or metadata: the file is damaged";
        assertRejected(chunk(100, 2, 100, 10, 80, START, 5, BILLION), outside);    // constant pool inside the header
        assertRejected(chunk(100, 2, 100, 100, 80, START, 5, BILLION), outside);   // constant pool at the size: past the end
        assertRejected(chunk(100, 2, 100, 68, 67, START, 5, BILLION), outside);    // metadata inside the header
        assertRejected(chunk(100, 2, 100, 68, 200, START, 5, BILLION), outside);   // metadata past the end
        assertRejected(chunk(100, 2, 100, -68, 80, START, 5, BILLION), outside);   // negative
    }

    @Test
    void impossibleClock() {
        assertRejected(chunk(100, 2, 100, 68, 80, START, 5, 0), "chunk 1 at byte 0 has an impossible clock "
                + "(ticks per second 0, start 1000 ns, duration 5 ns): the file is damaged");
        assertRejected(chunk(100, 2, 100, 68, 80, START, 5, -1), "chunk 1 at byte 0 has an impossible clock "
                + "(ticks per second -1, start 1000 ns, duration 5 ns): the file is damaged");
        assertRejected(chunk(100, 2, 100, 68, 80, START, -5, BILLION), "chunk 1 at byte 0 has an impossible clock "
                + "(ticks per second 1000000000, start 1000 ns, duration -5 ns): the file is damaged");
        assertRejected(chunk(100, 2, 100, 68, 80, -1, 5, BILLION), "chunk 1 at byte 0 has an impossible clock "
                + "(ticks per second 1000000000, start -1 ns, duration 5 ns): the file is damaged");
    }

    @Test
    void unknownMajorVersionIsNamed() {
        // major 3, minor 1 (chunk() always writes minor 1)
        assertRejected(chunk(100, 3, 100, 68, 80, START, 5, BILLION), "chunk 1 at byte 0 has JFR format version 3.1, "
                + "which no JDK writes and the parser cannot read (JDK 7 to 25 write 0.9, 1.x and 2.x)");
        // ... also as a second chunk, after a valid one
        assertRejected(concat(chunk(100, 100), chunk(100, 3, 100, 68, 80, START, 5, BILLION)),
                "chunk 2 at byte 100 has JFR format version 3.1, "
                        + "which no JDK writes and the parser cannot read (JDK 7 to 25 write 0.9, 1.x and 2.x)");
    }

    // ---- format 0.9

    @Test
    void formatZeroNineValid() throws Exception {
        // metadata at 100, 20 long: the chunk is 100 + 20 = 120 bytes; format 0 has no start time: 0
        assertEquals(List.of(new ChunkSpan(0, 0, 120, 0, 0)), scan(chunkV0(120, 100, 20)));
        // two of them: the second at byte 120, metadata at 80, 4 long (the length int alone): 84 bytes
        assertEquals(List.of(new ChunkSpan(0, 0, 120, 0, 0), new ChunkSpan(1, 120, 84, 0, 0)),
                scan(concat(chunkV0(120, 100, 20), chunkV0(84, 80, 4))));
        // a format 2 chunk after a format 0.9 one (files concatenate)
        assertEquals(List.of(new ChunkSpan(0, 0, 120, 0, 0), new ChunkSpan(1, 120, 100, 2, START)),
                scan(concat(chunkV0(120, 100, 20), chunk(100, 100))));
    }

    @Test
    void formatZeroNineDamaged() {
        // metadata offset 8: inside the 16-byte header
        assertRejected(chunkV0(120, 8, 20),
                "chunk 1 at byte 0 (format 0.9) points outside itself for its metadata: the file is damaged");
        // metadata length 2: shorter than its own length int
        assertRejected(chunkV0(120, 100, 2),
                "chunk 1 at byte 0 (format 0.9) declares impossible metadata of 2 bytes: the file is damaged");
        // the file ends before the metadata offset 100 (90 bytes)
        assertRejected(Arrays.copyOf(chunkV0(120, 100, 20), 90),
                "chunk 1 at byte 0 needs 100 bytes but the file ends before: the recording is truncated");
        // the file ends inside the length int: 102 bytes, the int needs 100 + 4 = 104
        assertRejected(Arrays.copyOf(chunkV0(120, 100, 20), 102),
                "chunk 1 at byte 0 needs 104 bytes but the file ends before: the recording is truncated");
        // the file ends inside the metadata: 110 of 100 + 20 = 120 bytes
        assertRejected(Arrays.copyOf(chunkV0(120, 100, 20), 110),
                "chunk 1 at byte 0 needs 120 bytes but the file ends before: the recording is truncated");
        // cut off before the 16 bytes of the format 0.9 header (the metadata offset): 12 bytes
        assertRejected(Arrays.copyOf(chunkV0(120, 100, 20), 12),
                "chunk 1 at byte 0 is cut off inside its header: the recording is truncated");
    }

    @Test
    void formatZeroNineWithMetadataBeforeByte68() throws Exception {
        // metadata at 24 (allowed: >= 16), 24 long: the chunk is 24 + 24 = 48 bytes
        assertEquals(List.of(new ChunkSpan(0, 0, 48, 0, 0)), scan(chunkV0(48, 24, 24)));
        // and followed by a format 2 chunk at byte 48
        assertEquals(List.of(new ChunkSpan(0, 0, 48, 0, 0), new ChunkSpan(1, 48, 100, 2, START)),
                scan(concat(chunkV0(48, 24, 24), chunk(100, 100))));
    }

    // ---- the checked-in recording

    /** jdk21-zulu-21.0.4.jfr.gz uncompressed: 1,064,102 bytes (sha256 8937fe24...dbc3e, see the README). */
    private static byte[] jdk21Recording() throws IOException {
        try (InputStream in = new GZIPInputStream(
                ChunkHeadersTest.class.getResourceAsStream("/recordings/jdk21-zulu-21.0.4.jfr.gz"))) {
            return in.readAllBytes();
        }
    }

    @Test
    void checkedInRecordingThroughGzip() throws Exception {
        List<ChunkSpan> chunks;
        try (InputStream in = new GZIPInputStream(
                ChunkHeadersTest.class.getResourceAsStream("/recordings/jdk21-zulu-21.0.4.jfr.gz"))) {
            chunks = ChunkHeaders.scan(in, Path.of("jdk21-zulu-21.0.4.jfr.gz")).complete();
        }
        // `jfr summary` (JDK 25) on the uncompressed file: "Version: 2.1", "Chunks: 1", start
        // 2024-10-15 07:27:52 UTC. Its header (xxd): size 0x103ca6 = 1064102 (the whole file),
        // start nanos 0x17fe8fab3c53833e = 1728977272571134782.
        assertEquals(List.of(new ChunkSpan(0, 0, 1_064_102, 2, 1_728_977_272_571_134_782L)), chunks);
    }

    @Test
    void checkedInRecordingTwiceAndCutByOneByte() throws Exception {
        byte[] bytes = jdk21Recording();
        assertEquals(1_064_102, bytes.length);
        // JFR files concatenate: `jfr summary` on the file written twice says "Chunks: 2"
        assertEquals(List.of(new ChunkSpan(0, 0, 1_064_102, 2, 1_728_977_272_571_134_782L),
                        new ChunkSpan(1, 1_064_102, 1_064_102, 2, 1_728_977_272_571_134_782L)),
                scan(concat(bytes, bytes)));
        // one byte short: the chunk announces 1064102 but 1064101 are there
        assertRejected(Arrays.copyOf(bytes, bytes.length - 1),
                "chunk 1 at byte 0 needs 1064102 bytes but the file ends before: the recording is truncated");
        // the second copy one byte short
        assertRejected(Arrays.copyOf(concat(bytes, bytes), 2 * bytes.length - 1),
                "chunk 2 at byte 1064102 needs 1064102 bytes but the file ends before: the recording is truncated");
    }
}

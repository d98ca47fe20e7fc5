package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChunkCheck} on files built byte by byte. A JFR chunk starts with a 68-byte header whose
 * first 16 bytes are, big-endian: magic "FLR\0", major and minor version (2 bytes each), and the
 * chunk's size in bytes (8 bytes, header included). ChunkCheck reads nothing else.
 */
class ChunkCheckTest {

    @TempDir
    Path folder;

    /** A chunk of {@code length} bytes whose header announces {@code announcedSize}; the rest zeros. */
    private static byte[] chunk(int length, long announcedSize) {
        ByteBuffer buffer = ByteBuffer.allocate(length); // big-endian, like RandomAccessFile
        buffer.put(new byte[] {'F', 'L', 'R', 0});
        buffer.putShort((short) 2).putShort((short) 1);
        buffer.putLong(announcedSize);
        return buffer.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(folder.resolve("test.jfr"), content);
    }

    private void assertRejected(byte[] content, String expected) throws IOException {
        Path file = file(content);
        RecordingProblem problem = assertThrows(RecordingProblem.class, () -> ChunkCheck.check(file));
        assertEquals(RecordingProblem.UNREADABLE, problem.exitCode());
        assertEquals(file + ": " + expected, problem.getMessage());
    }

    @Test
    void smallestCompleteChunk() throws IOException {
        Path file = file(chunk(68, 68)); // header only, size 68 = the whole file
        assertDoesNotThrow(() -> ChunkCheck.check(file));
    }

    @Test
    void twoChunksEndingExactlyAtTheEnd() throws IOException {
        Path file = file(concat(chunk(100, 100), chunk(80, 80))); // 100 + 80 = 180 bytes
        assertDoesNotThrow(() -> ChunkCheck.check(file));
    }

    @Test
    void missingEmptyAndDirectory() throws IOException {
        Path missing = folder.resolve("nope.jfr");
        assertEquals(missing + ": no such file",
                assertThrows(RecordingProblem.class, () -> ChunkCheck.check(missing)).getMessage());
        assertRejected(new byte[0], "is empty");
        Path directory = Files.createDirectory(folder.resolve("dir.jfr"));
        String message = assertThrows(RecordingProblem.class, () -> ChunkCheck.check(directory)).getMessage();
        assertTrue(message.startsWith(directory + ": cannot be read: "), message);
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] content = chunk(100, 100);
        content[2] = 'X'; // "FLX\0"
        assertRejected(content, "is not a JFR recording (it does not start with the JFR magic bytes)");
    }

    @Test
    void shorterThanTheMagic() throws IOException {
        assertRejected(new byte[] {'F', 'L', 'R'}, "is not a JFR recording (it does not start with the JFR magic bytes)");
    }

    @Test
    void cutOffInsideTheHeader() throws IOException {
        // magic present but only 67 of the 68 header bytes
        assertRejected(Arrays.copyOf(chunk(68, 68), 67),
                "chunk 1 at byte 0 is cut off inside its header: the recording is truncated");
    }

    @Test
    void unfinishedChunkAnnouncesTooSmallASize() throws IOException {
        assertRejected(chunk(100, 0), "chunk 1 at byte 0 was never finished (the recording was still being written)");
        assertRejected(chunk(100, 67), "chunk 1 at byte 0 was never finished (the recording was still being written)");
    }

    @Test
    void sizePastTheEndOfTheFile() throws IOException {
        // announces 200, file has 150
        assertRejected(chunk(150, 200), "chunk 1 at byte 0 needs 200 bytes but only 150 remain: the recording is truncated");
    }

    @Test
    void secondChunkTruncated() throws IOException {
        // chunk 1: 100 bytes, fine; chunk 2 at byte 100 announces 100 but 190 - 100 = 90 remain
        assertRejected(concat(chunk(100, 100), chunk(90, 100)),
                "chunk 2 at byte 100 needs 100 bytes but only 90 remain: the recording is truncated");
    }

    @Test
    void firstChunkTooShortSoTheNextStartsInsideIt() throws IOException {
        // chunk 1 is 100 bytes but announces 80: byte 80 is zeros, not "FLR\0"
        assertRejected(chunk(100, 80),
                "chunk 2 at byte 80 does not start with the JFR magic bytes: the file is damaged");
    }

    @Test
    void bytesAfterTheLastChunk() throws IOException {
        // a complete 100-byte chunk followed by 2 stray bytes: too short for a magic at byte 100
        assertRejected(concat(chunk(100, 100), new byte[] {'F', 'L'}),
                "chunk 2 at byte 100 does not start with the JFR magic bytes: the file is damaged");
        // ... and by 10 bytes that are not a chunk
        assertRejected(concat(chunk(100, 100), new byte[10]),
                "chunk 2 at byte 100 does not start with the JFR magic bytes: the file is damaged");
    }

    @Test
    void secondChunkCutOffInsideItsHeader() throws IOException {
        // chunk 2 at byte 100 has its magic but only 30 header bytes
        assertRejected(concat(chunk(100, 100), Arrays.copyOf(chunk(68, 68), 30)),
                "chunk 2 at byte 100 is cut off inside its header: the recording is truncated");
    }

    @Test
    void realRecordingPassesAndFailsWhenCutByOneByte() throws Exception {
        // anchors the hand-made layout above to a real recording: the committed JDK 21 one (one chunk)
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(
                ChunkCheckTest.class.getResourceAsStream("/recordings/jdk21-zulu-21.0.4.jfr.gz"))) {
            bytes = in.readAllBytes();
        }
        Path real = Files.write(folder.resolve("real.jfr"), bytes);
        assertDoesNotThrow(() -> ChunkCheck.check(real));
        Path twice = Files.write(folder.resolve("twice.jfr"), concat(bytes, bytes)); // JFR files concatenate
        assertDoesNotThrow(() -> ChunkCheck.check(twice));
        // one byte short: the chunk announces the file's full length n but n - 1 remain
        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), "chunk 1 at byte 0 needs " + bytes.length
                + " bytes but only " + (bytes.length - 1) + " remain: the recording is truncated");
    }
}

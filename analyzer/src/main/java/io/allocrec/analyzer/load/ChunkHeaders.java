package io.allocrec.analyzer.load;

import io.allocrec.exit.ExitCodes;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the chunk headers of a recording (a plain file or the uncompressed stream of a gzip or
 * zip file) and checks each chunk before the parser sees it: it starts with the JFR magic, its
 * format version is one the parser reads, its header values are possible, and it is complete.
 * The JMC parser does not report a cut-off last chunk on its own, so a truncated file would
 * otherwise be analysed as if it were whole.
 *
 * <p>Chunk layouts: formats 1 and 2 (JDK 9 on) give the chunk's size at byte 8 of a 68-byte
 * header; format 0 (JDK 7 and 8) gives the metadata's offset at byte 8, and the chunk ends with
 * the metadata, whose length is its first int.
 *
 * <p>A chunk the JVM is still writing (the last one of a running JVM's repository file) is not
 * damage: it is left out, and the scan says so ({@link Scan#unfinished}). Format 2.1 (JDK 14 on)
 * marks it in byte 64 of its header, the file state, which is 0 only once the chunk is finished
 * (the JDK's own reader, {@code jdk.jfr.internal.consumer.ChunkHeader}, reads it so); older
 * formats leave its size or its metadata offset 0 until then.
 */
final class ChunkHeaders {

    private static final int MAGIC = 0x464C5200; // "FLR\0"
    static final int HEADER_BYTES = 68;
    private static final int V0_HEADER_BYTES = 16;
    private static final int FILE_STATE = 64;

    private ChunkHeaders() {
    }

    /**
     * The chunks of a file.
     *
     * @param complete   its finished chunks, in file order
     * @param unfinished the last chunk, when the JVM was still writing it (left out of
     *                   {@code complete}); null when every chunk is finished
     */
    record Scan(List<ChunkSpan> complete, ChunkSpan unfinished) {
    }

    /**
     * @param in   the recording's uncompressed bytes, read to the end here
     * @param file for messages
     */
    static Scan scan(InputStream in, Path file) throws RecordingProblem, IOException {
        DataInputStream data = new DataInputStream(in);
        List<ChunkSpan> chunks = new ArrayList<>();
        long offset = 0;
        while (true) {
            int first = data.read();
            if (first < 0) {
                if (chunks.isEmpty()) {
                    throw unreadable(file, "is empty");
                }
                return new Scan(chunks, null);
            }
            int index = chunks.size();
            byte[] header = new byte[HEADER_BYTES];
            header[0] = (byte) first;
            // Format 0.9's header is 16 bytes and its metadata may follow at once: read more only for 1 and 2.
            int read = 1 + readUpTo(data, header, 1, V0_HEADER_BYTES - 1);
            if (read < Integer.BYTES || intAt(header, 0) != MAGIC) {
                throw index == 0
                        ? unreadable(file, "is not a JFR recording (it does not start with the JFR magic bytes)")
                        : chunkProblem(file, index, offset, "does not start with the JFR magic bytes: the file is damaged");
            }
            if (read < V0_HEADER_BYTES) {
                throw chunkProblem(file, index, offset, "is cut off inside its header: the recording is truncated");
            }
            int major = shortAt(header, 4);
            int minor = shortAt(header, 6);
            if (major == 1 || major == 2) {
                read += readUpTo(data, header, read, HEADER_BYTES - read);
                if (read == HEADER_BYTES && isUnfinished(header, minor)) {
                    return new Scan(chunks, unfinished(data, header, file, index, offset));
                }
            }
            ChunkSpan span = switch (major) {
                case 0 -> v0(data, header, read, file, index, offset, minor);
                case 1, 2 -> v1(data, header, read, file, index, offset);
                default -> throw chunkProblem(file, index, offset, "has JFR format version " + major + "." + minor
                        + ", which no JDK writes and the parser cannot read (JDK 7 to 25 write 0.9, 1.x and 2.x)");
            };
            chunks.add(span);
            offset += span.size();
        }
    }

    /**
     * Whether the header says the JVM has not finished the chunk: from format 2.1 on, by its file
     * state (0 once finished; a generation the JVM counts up at each flush while writing, 255 while
     * it updates the header); before, by a size or metadata offset still 0.
     */
    private static boolean isUnfinished(byte[] header, int minor) {
        boolean marksFileState = shortAt(header, 4) == 2 && minor >= 1;
        return marksFileState ? header[FILE_STATE] != 0 : longAt(header, 8) == 0 || longAt(header, 24) == 0;
    }

    /**
     * The unfinished chunk at {@code offset}, which must be the file's last: one that another
     * chunk follows was finished, and its mark is damage. Where its header gives a size (the part
     * the JVM has flushed), a chunk starting there is looked for; the bytes the JVM wrote since
     * are this chunk's own.
     */
    private static ChunkSpan unfinished(DataInputStream data, byte[] header, Path file, int index, long offset)
            throws RecordingProblem, IOException {
        long size = longAt(header, 8);
        if (size > HEADER_BYTES && size <= Integer.MAX_VALUE && skipUpTo(data, size - HEADER_BYTES) == size - HEADER_BYTES) {
            byte[] next = new byte[Integer.BYTES];
            if (readUpTo(data, next, 0, next.length) == next.length && intAt(next, 0) == MAGIC) {
                throw chunkProblem(file, index, offset, "is marked as still being written, but another chunk follows it: "
                        + "the file is damaged");
            }
        }
        return new ChunkSpan(index, offset, Math.max(size, 0), shortAt(header, 4), longAt(header, 32));
    }

    private static ChunkSpan v1(DataInputStream data, byte[] header, int read, Path file, int index, long offset)
            throws RecordingProblem, IOException {
        if (read < HEADER_BYTES) {
            throw chunkProblem(file, index, offset, "is cut off inside its header: the recording is truncated");
        }
        long size = longAt(header, 8);
        long constantPool = longAt(header, 16);
        long metadata = longAt(header, 24);
        long startNanos = longAt(header, 32);
        long durationNanos = longAt(header, 40);
        long ticksPerSecond = longAt(header, 56);
        if (size == 0 || metadata == 0) {
            // Format 2.1 marks an unfinished chunk in its file state, which says this one is finished.
            throw chunkProblem(file, index, offset, "is marked finished but gives no " + (size == 0 ? "size" : "metadata offset")
                    + ": the file is damaged");
        }
        if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
            throw chunkProblem(file, index, offset, "declares an impossible size of " + size + " bytes: the file is damaged");
        }
        if (constantPool < HEADER_BYTES || constantPool >= size || metadata < HEADER_BYTES || metadata >= size) {
            throw chunkProblem(file, index, offset, "points outside itself for its constant pool or metadata: the file is damaged");
        }
        if (ticksPerSecond <= 0 || durationNanos < 0 || startNanos < 0) {
            throw chunkProblem(file, index, offset, "has an impossible clock (ticks per second " + ticksPerSecond
                    + ", start " + startNanos + " ns, duration " + durationNanos + " ns): the file is damaged");
        }
        skipExactly(data, size - HEADER_BYTES, file, index, offset, size);
        return new ChunkSpan(index, offset, size, shortAt(header, 4), startNanos);
    }

    private static ChunkSpan v0(DataInputStream data, byte[] header, int read, Path file, int index, long offset, int minor)
            throws RecordingProblem, IOException {
        long metadata = longAt(header, 8);
        if (metadata < V0_HEADER_BYTES || metadata > Integer.MAX_VALUE - Integer.BYTES) {
            throw chunkProblem(file, index, offset, "(format 0." + minor + ") points outside itself for its metadata: "
                    + "the file is damaged");
        }
        skipExactly(data, metadata - read, file, index, offset, metadata);
        int metadataLength;
        try {
            metadataLength = data.readInt();
        } catch (EOFException e) {
            throw truncated(file, index, offset, metadata + Integer.BYTES);
        }
        long size = metadata + metadataLength;
        if (metadataLength < Integer.BYTES || size > Integer.MAX_VALUE) {
            throw chunkProblem(file, index, offset, "(format 0." + minor + ") declares impossible metadata of "
                    + metadataLength + " bytes: the file is damaged");
        }
        skipExactly(data, metadataLength - Integer.BYTES, file, index, offset, size);
        return new ChunkSpan(index, offset, size, 0, 0);
    }

    private static void skipExactly(DataInputStream data, long bytes, Path file, int index, long offset, long size)
            throws RecordingProblem, IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = data.skip(left);
            if (skipped <= 0) {
                if (data.read() < 0) {
                    throw truncated(file, index, offset, size);
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** Skips {@code bytes}, or to the end of the file if it comes first: how many were skipped. */
    private static long skipUpTo(DataInputStream data, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = data.skip(left);
            if (skipped <= 0) {
                if (data.read() < 0) {
                    break;
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return bytes - left;
    }

    private static int readUpTo(InputStream in, byte[] buffer, int from, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, from + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** A big-endian int, as JFR writes its headers (and uncompressed event sizes). */
    static int intAt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static int shortAt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long longAt(byte[] b, int i) {
        return ((long) intAt(b, i) << 32) | (intAt(b, i + 4) & 0xFFFFFFFFL);
    }

    private static RecordingProblem truncated(Path file, int index, long offset, long size) {
        return chunkProblem(file, index, offset, "needs " + size + " bytes but the file ends before: the recording is truncated");
    }

    static RecordingProblem chunkProblem(Path file, int index, long offset, String problem) {
        return unreadable(file, "chunk " + (index + 1) + " at byte " + offset + " " + problem);
    }

    static RecordingProblem unreadable(Path file, String problem) {
        return new RecordingProblem(ExitCodes.UNREADABLE, file + ": " + problem, file);
    }
}

package io.allocrec.analyzer.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a file is a complete JFR recording before the parser sees it: it starts with the
 * chunk magic, and its chunks, each announcing its own size in its header, end exactly at the
 * end of the file. The JMC parser does not report a cut-off last chunk on its own, so a
 * truncated file would otherwise be analysed as if it were whole.
 */
final class ChunkCheck {

    private static final int MAGIC = 0x464C5200; // "FLR\0"
    private static final int HEADER_BYTES = 68;

    private ChunkCheck() {
    }

    static void check(Path file) throws RecordingProblem {
        if (!Files.exists(file)) {
            throw unreadable(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw unreadable(file, "cannot be read (permission denied)");
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length == 0) {
                throw unreadable(file, "is empty");
            }
            long offset = 0;
            int chunk = 0;
            while (offset < length) {
                in.seek(offset);
                if (length - offset < Integer.BYTES || in.readInt() != MAGIC) {
                    throw chunk == 0
                            ? unreadable(file, "is not a JFR recording (it does not start with the JFR magic bytes)")
                            : chunkProblem(file, chunk, offset, "does not start with the JFR magic bytes: the file is damaged");
                }
                if (length - offset < HEADER_BYTES) {
                    throw chunkProblem(file, chunk, offset, "is cut off inside its header: the recording is truncated");
                }
                in.readShort(); // major version
                in.readShort(); // minor version
                long size = in.readLong();
                if (size < HEADER_BYTES) {
                    throw chunkProblem(file, chunk, offset, "was never finished (the recording was still being written)");
                }
                if (size > length - offset) {
                    throw chunkProblem(file, chunk, offset, "needs " + size + " bytes but only " + (length - offset)
                            + " remain: the recording is truncated");
                }
                offset += size;
                chunk++;
            }
        } catch (IOException e) {
            throw unreadable(file, "cannot be read: " + e.getMessage());
        }
    }

    private static RecordingProblem chunkProblem(Path file, int chunk, long offset, String problem) {
        return unreadable(file, "chunk " + (chunk + 1) + " at byte " + offset + " " + problem);
    }

    private static RecordingProblem unreadable(Path file, String problem) {
        return new RecordingProblem(RecordingProblem.UNREADABLE, file + ": " + problem);
    }
}

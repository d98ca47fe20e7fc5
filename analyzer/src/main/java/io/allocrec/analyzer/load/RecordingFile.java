package io.allocrec.analyzer.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmc.common.io.IOToolkit;

/**
 * A recording file, checked, with its chunks. A gzip, zip or LZ4 file (as JMC reads them) is read
 * through its uncompressed stream: its chunks can then only be read in order, once per pass.
 *
 * @param path       the file
 * @param index      its position among the files of a report, from 1
 * @param compressed whether it is compressed
 * @param chunks     its finished chunks, in file order
 * @param unfinished its last chunk, left out of {@code chunks} because the JVM was still writing
 *                   it; null when every chunk is finished
 */
public record RecordingFile(Path path, int index, boolean compressed, List<ChunkSpan> chunks, ChunkSpan unfinished) {

    /** Reads and checks every chunk header of the file. */
    static RecordingFile scan(Path path, int index) throws RecordingProblem {
        try {
            boolean compressed = isCompressed(path);
            try (InputStream in = open(path)) {
                ChunkHeaders.Scan scan = ChunkHeaders.scan(in, path);
                return new RecordingFile(path, index, compressed, scan.complete(), scan.unfinished());
            }
        } catch (IOException e) {
            throw ChunkHeaders.unreadable(path, "cannot be read: " + e.getMessage());
        }
    }

    /** The uncompressed bytes of the file, from its start. */
    InputStream open() throws IOException {
        return open(path);
    }

    private static InputStream open(Path path) throws IOException {
        // Opened by Path, not by File name: a name listed from a folder keeps its bytes even when
        // they are not valid in the locale's character set.
        return new BufferedInputStream(IOToolkit.openUncompressedStream(
                new BufferedInputStream(Files.newInputStream(path), 1 << 16)), 1 << 16);
    }

    private static boolean isCompressed(Path path) throws IOException {
        if (Files.size(path) < 4) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            int first = in.read();
            int second = in.read();
            return first == 31 && second == 139 // gzip
                    || first == 'P' && second == 'K' // zip
                    || first == 4 && second == 34; // LZ4 frame
        }
    }

    /** When the recording starts, for ordering files; 0 where its first header does not say. */
    long startNanos() {
        return chunks.isEmpty() ? 0 : chunks.get(0).startNanos();
    }

    long uncompressedSize() {
        return chunks.stream().mapToLong(ChunkSpan::size).sum();
    }
}

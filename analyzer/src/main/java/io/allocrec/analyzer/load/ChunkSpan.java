package io.allocrec.analyzer.load;

/**
 * One chunk of a recording file, as its header describes it.
 *
 * @param index      0 for the file's first chunk
 * @param offset     where it starts in the (uncompressed) file
 * @param size       its length in bytes, header included
 * @param major      the format's major version: 0 (JDK 7 and 8), 1 (JDK 9 and 10), 2 (JDK 11 on)
 * @param startNanos when it starts, epoch nanoseconds; 0 where the header does not say (format 0)
 */
public record ChunkSpan(int index, long offset, long size, int major, long startNanos) {
}

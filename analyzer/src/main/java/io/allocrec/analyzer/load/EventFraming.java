package io.allocrec.analyzer.load;

/**
 * Checks that a chunk's events follow one another exactly: each event starts with its size, and
 * the sizes must step from the end of the header to the end of the chunk. JMC's reader steps the
 * same way without checking, so one damaged size makes it skip the rest of the chunk in silence
 * (or, negative, loop forever). Checked before JMC parses the chunk; the direct reader checks
 * each size as it reads it.
 */
final class EventFraming {

    private static final int HEADER_BYTES = 68;

    private EventFraming() {
    }

    /** The damage of an event at {@code offset} in the chunk whose size does not fit: worded alike by both readers. */
    static DamagedChunk badSize(long offset) {
        return new DamagedChunk("an event", offset, "whose size does not fit the chunk");
    }

    /**
     * @param chunk the chunk's bytes from its first byte (the magic)
     * @return the offset within the chunk of the first event whose size does not fit, or -1
     */
    static long firstBadEvent(byte[] chunk, int size) {
        boolean compressed = (ChunkHeaders.intAt(chunk, 64) & 1) != 0;
        long index = HEADER_BYTES;
        while (index < size) {
            long eventSize = compressed ? varint(chunk, (int) index, size) : ChunkHeaders.intAt(chunk, (int) index);
            if (eventSize <= 0 || index + eventSize > size) {
                return index;
            }
            index += eventSize;
        }
        return index == size ? -1 : index;
    }

    /** JFR's compressed integer: 7 bits a byte, low bits first, the 9th byte whole; -1 if cut off. */
    private static long varint(byte[] data, int at, int size) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (at + i >= size) {
                return -1;
            }
            int b = data[at + i] & 0xFF;
            if (i == 8) {
                return value | ((long) b << 56);
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return value;
    }
}

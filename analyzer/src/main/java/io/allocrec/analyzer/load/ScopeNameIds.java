package io.allocrec.analyzer.load;

/**
 * The report's ids of the scope names one chunk's events carry as text in place: a name seen
 * before in the chunk is found by its bytes as written, so it costs no decoding, no String and
 * no look-up in the shared {@link StringIds}. Other names (pooled, null, empty) are read as text.
 * One per chunk read, used by one thread; at most {@value #MAX_KEPT} names of at most
 * {@value #MAX_KEPT_BYTES} bytes kept, so a chunk of distinct names keeps little.
 */
final class ScopeNameIds {

    private static final int MAX_KEPT = 4096;
    private static final int MAX_KEPT_BYTES = 4 * ScopeNameLimit.MAX_CHARS;

    private final StringIds names;
    private final JfrValues values;
    private byte[][] written = new byte[64][];
    private int[] ids = new int[64];
    private int kept;

    ScopeNameIds(StringIds names, JfrValues values) {
        this.names = names;
        this.values = values;
    }

    /** Reads a name at {@code in}'s position (the input {@code values} reads) and gives its id. */
    int read(JfrInput in) {
        int start = in.position();
        int end = in.inPlaceStringEnd();
        if (end < 0 || end - start > MAX_KEPT_BYTES) {
            return idOf(values.string());
        }
        int hash = in.hash(start, end);
        int mask = written.length - 1;
        int slot = hash & mask;
        for (byte[] bytes; (bytes = written[slot]) != null; slot = (slot + 1) & mask) {
            if (in.bytesEqual(start, end, bytes)) {
                in.seek(end);
                return ids[slot];
            }
        }
        int id = idOf(values.string());
        if (kept < MAX_KEPT) {
            written[slot] = in.copy(start, end);
            ids[slot] = id;
            if (++kept * 2 > written.length) {
                grow();
            }
        }
        return id;
    }

    private int idOf(String text) {
        return names.id(ScopeNameLimit.bounded(text == null ? "" : text));
    }

    private void grow() {
        byte[][] oldWritten = written;
        int[] oldIds = ids;
        written = new byte[oldWritten.length * 2][];
        ids = new int[written.length];
        int mask = written.length - 1;
        for (int i = 0; i < oldWritten.length; i++) {
            byte[] bytes = oldWritten[i];
            if (bytes != null) {
                int slot = JfrInput.hash(bytes, 0, bytes.length) & mask;
                while (written[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                written[slot] = bytes;
                ids[slot] = oldIds[i];
            }
        }
    }
}

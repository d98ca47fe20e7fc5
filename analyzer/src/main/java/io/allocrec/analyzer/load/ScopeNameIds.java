package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * The report's ids of the scope names one chunk's events carry as text in place: a name seen
 * before in the chunk is found by its chars, so it costs no String and no look-up in the shared
 * {@link StringIds}. Other names (pooled, null, longer than {@link ScopeNameLimit#MAX_CHARS}) are read as
 * text. One per chunk read, used by one thread; at most {@value #MAX_KEPT} names kept, so a
 * chunk of distinct names keeps no more than that.
 */
final class ScopeNameIds {

    private static final int MAX_KEPT = 4096;

    private final StringIds names;
    private final JfrValues values;
    private final char[] buffer = new char[ScopeNameLimit.MAX_CHARS];
    private char[][] texts = new char[64][];
    private int[] ids = new int[64];
    private int kept;

    ScopeNameIds(StringIds names, JfrValues values) {
        this.names = names;
        this.values = values;
    }

    /** Reads a name at {@code in}'s position (the input {@code values} reads) and gives its id. */
    int read(JfrInput in) {
        int length = in.stringChars(buffer);
        if (length < 0) {
            String text = values.string();
            return names.id(ScopeNameLimit.bounded(text == null ? "" : text));
        }
        int mask = texts.length - 1;
        int slot = hash(buffer, length) & mask;
        for (char[] text; (text = texts[slot]) != null; slot = (slot + 1) & mask) {
            if (text.length == length && Arrays.equals(text, 0, length, buffer, 0, length)) {
                return ids[slot];
            }
        }
        int id = names.id(new String(buffer, 0, length)); // within MAX_CHARS: bounded as it is
        if (kept < MAX_KEPT) {
            texts[slot] = Arrays.copyOf(buffer, length);
            ids[slot] = id;
            if (++kept * 2 > texts.length) {
                grow();
            }
        }
        return id;
    }

    private static int hash(char[] text, int length) {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + text[i];
        }
        return hash ^ hash >>> 16;
    }

    private void grow() {
        char[][] oldTexts = texts;
        int[] oldIds = ids;
        texts = new char[oldTexts.length * 2][];
        ids = new int[texts.length];
        int mask = texts.length - 1;
        for (int i = 0; i < oldTexts.length; i++) {
            char[] text = oldTexts[i];
            if (text != null) {
                int slot = hash(text, text.length) & mask;
                while (texts[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                texts[slot] = text;
                ids[slot] = oldIds[i];
            }
        }
    }
}

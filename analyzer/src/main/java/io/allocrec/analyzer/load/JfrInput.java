package io.allocrec.analyzer.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over one chunk's bytes in JFR's encoding with compressed integers (JDK 11 on): every
 * short, char, int and long is a LEB128-style varint, 7 bits a byte, low bits first, the 9th byte
 * whole. Reading past the chunk (or the event a cursor is bounded to, {@link #upTo}) throws
 * {@link IndexOutOfBoundsException}: a damaged file.
 */
final class JfrInput {

    /** String encodings: null, "", a reference into the String pool, UTF-8, chars, Latin-1. */
    static final int STRING_NULL = 0;
    static final int STRING_EMPTY = 1;
    static final int STRING_POOL = 2;
    static final int STRING_UTF8 = 3;
    static final int STRING_CHARS = 4;
    static final int STRING_LATIN1 = 5;

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] data;
    private final int limit;
    private int position;
    private long lastPoolReference = -1;

    JfrInput(byte[] data, int limit) {
        this.data = data;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    /**
     * A cursor over the same bytes from the current position that ends at {@code end}: one event
     * read as its size bounds it, so a length inside it cannot reach into the next.
     */
    JfrInput upTo(int end) {
        if (end < position || end > limit) {
            throw new IndexOutOfBoundsException("an end at " + end + " outside " + position + ".." + limit);
        }
        JfrInput bounded = new JfrInput(data, end);
        bounded.position = position;
        return bounded;
    }

    /** Where the bytes this cursor reads end. */
    int limit() {
        return limit;
    }

    /** Bytes left from the current position to the end of the chunk. */
    int remaining() {
        return limit - position;
    }

    void seek(int at) {
        if (at < 0 || at > limit) {
            throw new IndexOutOfBoundsException("offset " + at + " outside the bytes read");
        }
        position = at;
    }

    long varlong() {
        // No test of the limit per byte: nearly every varint is far from the end, and a test that
        // fails only near the end of a chunk made the JIT compile its callers again when it did.
        // Past the end of the array, the array's own check throws; past the limit, the one below.
        byte[] bytes = data;
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = bytes[at++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return endVarint(at, value);
            }
        }
        value |= (long) (bytes[at++] & 0xFF) << 56;
        return endVarint(at, value);
    }

    private long endVarint(int end, long value) {
        if (end > limit) {
            throw new IndexOutOfBoundsException("read past the end");
        }
        position = end;
        return value;
    }

    int varint() {
        return (int) varlong();
    }

    /**
     * Steps over {@code count} varints without working out their values: a stack trace pool is
     * mostly frames of varints, stepped over once to index it.
     */
    void skipVarints(int count) {
        byte[] bytes = data;
        int at = position;
        for (int i = 0; i < count; i++) {
            int lastWithBit = at + 8; // at most 8 bytes carry the continuation bit; a 9th is whole
            while (at < lastWithBit && bytes[at] < 0) {
                at++;
            }
            at++;
        }
        if (at > limit) {
            throw new IndexOutOfBoundsException("read past the end");
        }
        position = at;
    }

    /** A length or count, which must fit in what is left of the chunk. */
    int count() {
        long count = varlong();
        if (count < 0 || count > limit - position) {
            throw new IndexOutOfBoundsException("a count of " + count + " where " + (limit - position) + " bytes are left");
        }
        return (int) count;
    }

    byte readByte() {
        return next();
    }

    long fixedLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (next() & 0xFF);
        }
        return value;
    }

    int fixedInt() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | (next() & 0xFF);
        }
        return value;
    }

    void skip(int bytes) {
        seek(position + bytes);
    }

    /**
     * A string whose text is in place; a pool reference comes back as null with
     * {@link #lastPoolReference()} set, so the caller resolves it.
     */
    String string() {
        lastPoolReference = -1;
        int encoding = next();
        switch (encoding) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_POOL:
                lastPoolReference = varlong();
                return null;
            case STRING_UTF8: {
                int length = count();
                String text = new String(data, position, length, StandardCharsets.UTF_8);
                position += length;
                return text;
            }
            case STRING_CHARS: {
                int length = count();
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) varint();
                }
                return new String(chars);
            }
            case STRING_LATIN1: {
                int length = count();
                String text = new String(data, position, length, StandardCharsets.ISO_8859_1);
                position += length;
                return text;
            }
            default:
                throw new IllegalStateException("a string with the unknown encoding " + encoding);
        }
    }

    /**
     * Where the string at the position ends when its text is in place (Latin-1, UTF-8 or chars),
     * so that its bytes, from its encoding on, can stand for it: equal bytes are equal text.
     * Any other string (null, empty, pooled) gives -1. The position does not move.
     */
    int inPlaceStringEnd() {
        int start = position;
        if (start + 1 < limit && data[start + 1] >= 0) {
            // Shorter than 128, its length one byte: most names. One that does not fit is left
            // to string(), which says so.
            int end = start + 2 + data[start + 1];
            if (data[start] == STRING_LATIN1 || data[start] == STRING_UTF8) {
                return end <= limit ? end : -1;
            }
            // The JDK writes an event's text as chars, each a varint: ASCII ones are a byte each,
            // found by a scan rather than a varint read per char.
            if (data[start] == STRING_CHARS && end <= limit && noHighBit(start + 2, end)) {
                return end;
            }
        }
        try {
            int encoding = next();
            if (encoding == STRING_LATIN1 || encoding == STRING_UTF8) {
                int length = count(); // before the position is read: count() moves it
                return position + length;
            }
            if (encoding == STRING_CHARS) {
                int length = count();
                for (int i = 0; i < length; i++) {
                    varlong();
                }
                return position;
            }
            return -1;
        } finally {
            position = start;
        }
    }

    /** Whether no byte of {@code [from, to)} has its high bit: eight bytes a test, as one load under C1 too. */
    boolean noHighBit(int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (((long) LITTLE_ENDIAN_LONGS.get(data, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A hash of the bytes {@code [from, to)}. */
    int hash(int from, int to) {
        return hash(data, from, to);
    }

    /**
     * A hash of the length and of the first and last eight bytes: a scope name is hashed for every
     * event, and the names of one service differ in length or at an end (equal hashes are told
     * apart by their bytes).
     */
    static int hash(byte[] bytes, int from, int to) {
        int length = to - from;
        long hash = length;
        if (length < Long.BYTES) {
            for (int i = from; i < to; i++) {
                hash = 31 * hash + bytes[i];
            }
        } else {
            hash = 31 * hash + (long) LITTLE_ENDIAN_LONGS.get(bytes, from);
            hash = 31 * hash + (long) LITTLE_ENDIAN_LONGS.get(bytes, to - Long.BYTES);
        }
        hash *= 0x9E3779B97F4A7C15L; // spreads the bits that differ over the high half
        return (int) (hash >>> 32);
    }

    /**
     * Whether the bytes {@code [from, to)} are {@code bytes}: eight bytes a comparison (the last
     * eight may overlap the ones before). Not Arrays.equals, whose range checks and vectorised
     * mismatch only C2 makes cheap; a byte-array VarHandle is one load under C1 as well.
     */
    boolean bytesEqual(int from, int to, byte[] bytes) {
        int length = bytes.length;
        if (to - from != length) {
            return false;
        }
        if (length < Long.BYTES) {
            for (int i = 0; i < length; i++) {
                if (data[from + i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length - Long.BYTES; i += Long.BYTES) {
            if ((long) LITTLE_ENDIAN_LONGS.get(data, from + i) != (long) LITTLE_ENDIAN_LONGS.get(bytes, i)) {
                return false;
            }
        }
        return (long) LITTLE_ENDIAN_LONGS.get(data, to - Long.BYTES)
                == (long) LITTLE_ENDIAN_LONGS.get(bytes, length - Long.BYTES);
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    /** The pool id the last {@link #string()} referred to, or -1 when its text was in place. */
    long lastPoolReference() {
        return lastPoolReference;
    }

    /** Moves past a string without making it. */
    void skipString() {
        int encoding = next();
        switch (encoding) {
            case STRING_NULL, STRING_EMPTY -> { }
            case STRING_POOL -> varlong();
            case STRING_UTF8, STRING_LATIN1 -> skip(count());
            case STRING_CHARS -> {
                int length = count();
                for (int i = 0; i < length; i++) {
                    varlong();
                }
            }
            default -> throw new IllegalStateException("a string with the unknown encoding " + encoding);
        }
    }

    private byte next() {
        if (position >= limit) {
            throw new IndexOutOfBoundsException("read past the end");
        }
        return data[position++];
    }
}

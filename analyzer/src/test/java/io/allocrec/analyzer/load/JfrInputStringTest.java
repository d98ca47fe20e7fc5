package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JfrInput#inPlaceStringEnd}: where a string whose text is in place ends, in each
 * encoding, as {@link JfrInput#string()} reads it; -1 for every other string; the position kept.
 */
class JfrInputStringTest {

    @Test
    void textInPlaceReadsAsStringWouldAndOtherStringsAreLeftForIt() {
        check(latin1("GET /orders \u00e9t\u00e9"), "GET /orders \u00e9t\u00e9");
        check(utf8("batch step 7"), "batch step 7");
        check(chars("r\u00e9sum\u00e9 \u4e2d"), "r\u00e9sum\u00e9 \u4e2d");
        check(new byte[] {JfrInput.STRING_EMPTY}, null);
        check(new byte[] {JfrInput.STRING_NULL}, null);
        check(new byte[] {JfrInput.STRING_POOL, 5}, null);
        check(utf8("caf\u00e9"), "caf\u00e9");
        check(latin1("x".repeat(ScopeNameLimit.MAX_CHARS + 1)), "x".repeat(ScopeNameLimit.MAX_CHARS + 1));
        check(utf8("y".repeat(127)), "y".repeat(127)); // the longest length in one byte
        check(utf8("y".repeat(128)), "y".repeat(128)); // the shortest in two
        check(chars("GET /orders/{id}"), "GET /orders/{id}"); // as the JDK writes an event's text: a byte a char
        check(chars("z".repeat(127)), "z".repeat(127));
        check(chars("z".repeat(128)), "z".repeat(128));
        check(chars("GET /caf\u00e9"), "GET /caf\u00e9"); // a char of two bytes, at the end
        check(chars("\u00e9" + "z".repeat(126)), "\u00e9" + "z".repeat(126)); // at the start
    }

    @Test
    void textRunningPastTheEndIsLeftToStringWhichSaysSo() {
        byte[] cut = java.util.Arrays.copyOf(latin1("GET /orders"), 6);
        assertEquals(-1, new JfrInput(cut, cut.length).inPlaceStringEnd());
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> new JfrInput(cut, cut.length).string());
    }

    /** Reads {@code bytes} (then a marker byte) both ways: text in place ends where string() ends, else -1. */
    private static void check(byte[] bytes, String expected) {
        byte[] data = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        data[bytes.length] = 42;
        JfrInput bounds = new JfrInput(data, data.length);
        int end = bounds.inPlaceStringEnd();
        assertEquals(0, bounds.position());
        JfrInput text = new JfrInput(data, data.length);
        String made = text.string();
        if (expected == null) {
            assertEquals(-1, end);
        } else {
            assertEquals(expected, made);
            assertEquals(bytes.length, end);
            assertEquals(text.position(), end);
        }
    }

    private static byte[] latin1(String s) {
        return encoded(JfrInput.STRING_LATIN1, s.getBytes(StandardCharsets.ISO_8859_1), s.length());
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return encoded(JfrInput.STRING_UTF8, bytes, bytes.length);
    }

    private static byte[] chars(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(JfrInput.STRING_CHARS);
        varint(out, s.length());
        s.chars().forEach(c -> varint(out, c));
        return out.toByteArray();
    }

    private static byte[] encoded(int encoding, byte[] bytes, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(encoding);
        varint(out, length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** The word-at-a-time comparisons against a byte at a time, at every length and every place of a difference. */
    @Test
    void comparesAndScansBytesAsAByteLoopWould() {
        SplittableRandom random = new SplittableRandom(5);
        for (int length = 0; length <= 40; length++) {
            for (int round = 0; round < 50; round++) {
                byte[] data = new byte[length + 20];
                random.nextBytes(data);
                int from = random.nextInt(10);
                int to = from + length;
                byte[] same = Arrays.copyOfRange(data, from, to);
                JfrInput in = new JfrInput(data, data.length);
                assertEquals(true, in.bytesEqual(from, to, same));
                if (length > 0) {
                    byte[] other = same.clone();
                    other[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                    assertEquals(false, in.bytesEqual(from, to, other));
                }
                assertEquals(false, in.bytesEqual(from, to, Arrays.copyOf(same, length + 1)));
                byte[] ascii = data.clone();
                for (int i = from; i < to; i++) {
                    ascii[i] &= 0x7F;
                }
                JfrInput asciiIn = new JfrInput(ascii, ascii.length);
                assertEquals(true, asciiIn.noHighBit(from, to));
                if (length > 0) {
                    ascii[from + random.nextInt(length)] |= (byte) 0x80;
                    assertEquals(false, asciiIn.noHighBit(from, to));
                }
            }
        }
    }
}

package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link JfrInput#stringChars}: the chars of a string in place in each encoding, equal to what
 * {@link JfrInput#string()} makes of the same bytes; every other string left where it was for it.
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
        check(utf8("caf\u00e9"), null); // not ASCII: made by string()
        check(latin1("x".repeat(ScopeNameLimit.MAX_CHARS + 1)), null); // longer than the buffer
    }

    /** Reads {@code bytes} (then a marker byte) both ways: {@code expected} chars, or -1 and string() unchanged. */
    private static void check(byte[] bytes, String expected) {
        byte[] data = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        data[bytes.length] = 42;
        JfrInput chars = new JfrInput(data, data.length);
        char[] buffer = new char[ScopeNameLimit.MAX_CHARS];
        int length = chars.stringChars(buffer);
        JfrInput text = new JfrInput(data, data.length);
        String made = text.string();
        if (expected == null) {
            assertEquals(-1, length);
            assertEquals(0, chars.position());
        } else {
            assertEquals(expected, new String(buffer, 0, length));
            assertEquals(made, new String(buffer, 0, length));
            assertEquals(text.position(), chars.position());
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
}

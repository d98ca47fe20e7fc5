package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Varints read as JFR writes them, and one that runs past the bytes a cursor may read is damage. */
class JfrInputVarintTest {

    @Test
    void readsVarintsOfEveryLength() {
        long[] values = {0, 1, 127, 128, 300, 1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long value : values) {
            byte[] bytes = encode(value);
            JfrInput in = new JfrInput(bytes, bytes.length);
            assertEquals(value, in.varlong(), "value " + value + " in " + bytes.length + " bytes");
            assertEquals(bytes.length, in.position());
        }
    }

    /**
     * Varints followed by more bytes, as in a chunk, so that they are read eight bytes at once:
     * every length, with whatever follows, at every offset in a word.
     */
    @Test
    void readsVarintsAmongOtherBytesAsTheyWereWritten() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 20_000; round++) {
            int bits = random.nextInt(65);
            long value = bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
            byte[] encoded = encode(value);
            int offset = random.nextInt(8);
            byte[] chunk = new byte[offset + encoded.length + 1 + random.nextInt(16)];
            random.nextBytes(chunk);
            System.arraycopy(encoded, 0, chunk, offset, encoded.length);
            JfrInput in = new JfrInput(chunk, chunk.length);
            in.seek(offset);
            assertEquals(value, in.varlong(), "value " + value + " in " + encoded.length + " bytes");
            assertEquals(offset + encoded.length, in.position());
        }
    }

    @Test
    void aVarintEndingAtTheLimitIsRead() {
        JfrInput in = new JfrInput(new byte[] {(byte) 0x81, 0x01, 0x7F}, 2);
        assertEquals(129, in.varlong());
        assertEquals(2, in.position());
    }

    @Test
    void aVarintRunningPastTheArrayIsDamage() {
        assertThrows(IndexOutOfBoundsException.class, () -> new JfrInput(new byte[] {(byte) 0x81}, 1).varlong());
        byte[] nineBytesLong = encode(Long.MIN_VALUE);
        byte[] cut = java.util.Arrays.copyOf(nineBytesLong, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> new JfrInput(cut, cut.length).varlong());
    }

    @Test
    void aVarintRunningPastTheLimitIsDamageEvenWhereTheArrayGoesOn() {
        // The next event's bytes follow: a cursor bounded to one event must not read into them.
        JfrInput chunk = new JfrInput(new byte[] {(byte) 0x81, 0x01, 0x00}, 3);
        JfrInput event = chunk.upTo(1);
        assertThrows(IndexOutOfBoundsException.class, event::varlong);
        assertThrows(IndexOutOfBoundsException.class, () -> new JfrInput(new byte[] {(byte) 0x81, 0x01}, 1).varlong());
    }

    @Test
    void skippingVarintsEndsWhereReadingThemEnds() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(18);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long[] edges = {0, 127, 128, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (int i = 0; i < 2000; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >>> random.nextInt(64);
            out.writeBytes(encode(value));
        }
        byte[] bytes = out.toByteArray();
        for (int count : new int[] {0, 1, 5, 6, 7, 1000, 2000}) {
            JfrInput read = new JfrInput(bytes, bytes.length);
            for (int i = 0; i < count; i++) {
                read.varlong();
            }
            JfrInput skipped = new JfrInput(bytes, bytes.length);
            skipped.skipVarints(count);
            assertEquals(read.position(), skipped.position(), count + " varints");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> new JfrInput(bytes, bytes.length).skipVarints(2001));
        assertThrows(IndexOutOfBoundsException.class, () -> new JfrInput(new byte[] {(byte) 0x81, 0x01, 0x00}, 1).skipVarints(1));
    }

    /** JFR's encoding: 7 bits a byte, low first, the high bit set on all but the last; the 9th byte whole. */
    private static byte[] encode(long value) {
        byte[] out = new byte[9];
        int n = 0;
        long rest = value;
        while (n < 8) {
            if ((rest & ~0x7FL) == 0) {
                out[n++] = (byte) rest;
                return java.util.Arrays.copyOf(out, n);
            }
            out[n++] = (byte) (rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out[n++] = (byte) rest;
        return out;
    }
}

package io.allocrec.harness;

import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * The benchmark's input: pairs of a random {@code long} key and a random 100-byte value, made
 * once from a fixed seed before any scenario runs, so every scenario sees the same data and
 * none of the input is counted as a scenario's allocation.
 *
 * <p>The values are stored back to back in one array rather than as a million small arrays:
 * each retained-size reading runs full collections, and one large array costs the collector
 * almost nothing to trace, where a million small ones made the sweep several times slower.
 * Scenarios get each value as a fresh {@code byte[100]}, exactly as a {@code clone()} would.
 */
public final class KeyValueInputs {

    /** Bytes in each value, as in the original experiment. */
    public static final int VALUE_BYTES = 100;

    /** Raw bytes of one pair: an 8-byte key and its value. */
    public static final long PAIR_BYTES = Long.BYTES + VALUE_BYTES;

    /** The seed the harness uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20221122L;

    private final long[] keys;
    private final byte[] values;

    private KeyValueInputs(long[] keys, byte[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Generates {@code count} pairs with distinct keys from {@code seed}. */
    public static KeyValueInputs generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HashSet<Long> seen = new HashSet<>(count * 2);
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            long key;
            do {
                key = random.nextLong();
            } while (!seen.add(key));
            keys[i] = key;
        }
        byte[] values = new byte[Math.multiplyExact(count, VALUE_BYTES)];
        random.nextBytes(values);
        return new KeyValueInputs(keys, values);
    }

    /** How many pairs there are. */
    public int count() {
        return keys.length;
    }

    /** The key of pair {@code i}. */
    public long key(int i) {
        return keys[i];
    }

    /**
     * A fresh copy of the value of pair {@code i}: scenarios own their data, as the Rust
     * original stores values inline, so the copy is part of what they allocate and retain.
     */
    public byte[] copyOfValue(int i) {
        return Arrays.copyOfRange(values, i * VALUE_BYTES, (i + 1) * VALUE_BYTES);
    }

    /** Whether {@code value} holds exactly the bytes of pair {@code i}'s value. */
    boolean isValueOf(int i, byte[] value) {
        return value.length == VALUE_BYTES
                && Arrays.equals(values, i * VALUE_BYTES, (i + 1) * VALUE_BYTES, value, 0, VALUE_BYTES);
    }

    /** Raw bytes of the first {@code n} pairs: the payload any container of them must hold. */
    public static long payloadBytes(long n) {
        return n * PAIR_BYTES;
    }
}

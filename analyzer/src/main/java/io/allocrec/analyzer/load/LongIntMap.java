package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * A map from long to int with open addressing, for the hot paths that look up one key per
 * sample: no boxing, no entry objects. Keys must not be {@link Long#MIN_VALUE}.
 */
public final class LongIntMap {

    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        values = new int[capacity];
        mask = capacity - 1;
    }

    /** The value of {@code key}, or {@code absent} ({@link Long#MIN_VALUE} is never a key). */
    public int get(long key, int absent) {
        if (key == FREE) {
            return absent;
        }
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == FREE) {
                return absent;
            }
            slot = (slot + 1) & mask;
        }
    }

    public void put(long key, int value) {
        if (key == FREE) {
            throw new IllegalArgumentException("Long.MIN_VALUE cannot be a key");
        }
        int slot = slot(key);
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == FREE) {
            keys[slot] = key;
            if (++size * 2 > keys.length) {
                values[slot] = value;
                grow();
                return;
            }
        }
        values[slot] = value;
    }

    public int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new int[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Arrays for the columns of the threads' batches, given back once their chunk is attributed and
 * taken again by the batches of the chunks parsed next. Made anew for each chunk, batches were
 * most of what a report allocated, and each lived through a collection or two while its chunk
 * waited its turn: the collector copied it into the old generation, which then filled with dead
 * batches (on a 200 MB recording, 45 to 55 MB promoted at each young collection and three full
 * collections). Reused, they are copied once. Shared by the parsing threads, which take, and the
 * attributing thread, which gives back; it keeps at most {@value #MAX_BYTES} bytes, and no array
 * shorter than {@value #MIN_LENGTH} (the batches of a recording's many short-lived threads are
 * small and die young).
 */
final class ColumnPool {

    static final long MAX_BYTES = 64L << 20;
    static final int MIN_LENGTH = 1024;

    private final TreeMap<Integer, ArrayDeque<long[]>> longs = new TreeMap<>();
    private final TreeMap<Integer, ArrayDeque<int[]>> ints = new TreeMap<>();
    private long bytes;

    /** An array of at least {@code length}, at most about twice that: a free one, or a new one. */
    synchronized long[] longs(int length) {
        long[] free = take(longs, length);
        if (free == null) {
            return new long[length];
        }
        bytes -= (long) Long.BYTES * free.length;
        return free;
    }

    synchronized int[] ints(int length) {
        int[] free = take(ints, length);
        if (free == null) {
            return new int[length];
        }
        bytes -= (long) Integer.BYTES * free.length;
        return free;
    }

    /** Gives an array back: its values are no longer read by anyone. */
    synchronized void give(long[] array) {
        if (keeps(array.length, Long.BYTES)) {
            longs.computeIfAbsent(array.length, length -> new ArrayDeque<>()).push(array);
            bytes += (long) Long.BYTES * array.length;
        }
    }

    synchronized void give(int[] array) {
        if (keeps(array.length, Integer.BYTES)) {
            ints.computeIfAbsent(array.length, length -> new ArrayDeque<>()).push(array);
            bytes += (long) Integer.BYTES * array.length;
        }
    }

    /** Bytes held, for tests. */
    synchronized long bytes() {
        return bytes;
    }

    private boolean keeps(int length, int elementBytes) {
        return length >= MIN_LENGTH && bytes + (long) elementBytes * length <= MAX_BYTES;
    }

    /** The shortest free array of at least {@code length} and at most about twice that; null when none. */
    private static <T> T take(TreeMap<Integer, ArrayDeque<T>> free, int length) {
        Map.Entry<Integer, ArrayDeque<T>> fitting = free.ceilingEntry(length);
        if (fitting == null || fitting.getKey() > 2L * length + MIN_LENGTH) {
            return null;
        }
        ArrayDeque<T> arrays = fitting.getValue();
        T array = arrays.pop();
        if (arrays.isEmpty()) {
            free.remove(fitting.getKey());
        }
        return array;
    }
}

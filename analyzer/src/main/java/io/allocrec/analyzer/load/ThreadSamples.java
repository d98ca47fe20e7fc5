package io.allocrec.analyzer.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jdk.ObjectAllocationSample} events of one thread, in time order, as primitive
 * columns (a recording can hold tens of millions; 16 bytes each here): a sample's weight is the
 * bytes the thread allocated since its previous sample; its class and allocation site are one
 * id into the recording's {@link AllocationKeys}.
 */
public final class ThreadSamples {

    /** Marks a weight too large for an int; the real value is in {@link #largeWeights}. */
    private static final int LARGE = -1;

    private final SegmentedLongs times = new SegmentedLongs();
    private final SegmentedInts weights = new SegmentedInts();
    private final SegmentedInts keys = new SegmentedInts();
    private final Map<Integer, Long> largeWeights = new HashMap<>();
    private boolean sorted = true;

    void add(long timeNanos, long weightBytes, int allocationKey) {
        int index = times.size();
        if (index > 0 && timeNanos < times.get(index - 1)) {
            sorted = false;
        }
        times.add(timeNanos);
        if (weightBytes > Integer.MAX_VALUE || weightBytes < 0) {
            largeWeights.put(index, weightBytes);
            weights.add(LARGE);
        } else {
            weights.add((int) weightBytes);
        }
        keys.add(allocationKey);
    }

    /** Puts the samples in time order; chunks and threads' buffers need not arrive in order. */
    void sort() {
        if (sorted) {
            return;
        }
        int count = count();
        long[] allTimes = new long[count];
        for (int i = 0; i < count; i++) {
            allTimes[i] = times.get(i);
        }
        int[] order = TimeOrder.of(allTimes, count); // sorts allTimes too
        for (int i = 0; i < count; i++) {
            times.set(i, allTimes[i]);
        }
        allTimes = null; // the largest temporary: let it go before the next ones
        int[] column = new int[count];
        for (int i = 0; i < count; i++) {
            column[i] = keys.get(order[i]);
        }
        for (int i = 0; i < count; i++) {
            keys.set(i, column[i]);
        }
        Map<Integer, Long> large = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int weight = weights.get(order[i]);
            column[i] = weight;
            if (weight == LARGE) {
                large.put(i, largeWeights.get(order[i]));
            }
        }
        for (int i = 0; i < count; i++) {
            weights.set(i, column[i]);
        }
        largeWeights.clear();
        largeWeights.putAll(large);
        sorted = true;
    }

    public int count() {
        return times.size();
    }

    public long time(int i) {
        return times.get(i);
    }

    public long weight(int i) {
        int weight = weights.get(i);
        return weight == LARGE ? largeWeights.get(i) : weight;
    }

    /** Id of the sample's class and allocation site in {@link LoadedRecording#allocationKeys()}. */
    public int allocationKey(int i) {
        return keys.get(i);
    }
}

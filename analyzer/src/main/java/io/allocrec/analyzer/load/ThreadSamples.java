package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * The {@code jdk.ObjectAllocationSample} events of one thread, in time order, as two parallel
 * arrays: a sample's weight is the bytes the thread allocated since its previous sample.
 */
public final class ThreadSamples {

    private long[] times = new long[16];
    private long[] weights = new long[16];
    private int count;
    private boolean sorted = true;

    void add(long timeNanos, long weightBytes) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            weights = Arrays.copyOf(weights, count * 2);
        }
        if (count > 0 && timeNanos < times[count - 1]) {
            sorted = false;
        }
        times[count] = timeNanos;
        weights[count] = weightBytes;
        count++;
    }

    /** Puts the samples in time order; the parser hands them over chunk by chunk, not in order. */
    void sort() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        long[] sortedTimes = new long[count];
        long[] sortedWeights = new long[count];
        for (int i = 0; i < count; i++) {
            sortedTimes[i] = times[order[i]];
            sortedWeights[i] = weights[order[i]];
        }
        times = sortedTimes;
        weights = sortedWeights;
        sorted = true;
    }

    public int count() {
        return count;
    }

    public long time(int i) {
        return times[i];
    }

    public long weight(int i) {
        return weights[i];
    }
}

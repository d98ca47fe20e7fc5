package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * The {@code jdk.ObjectAllocationSample} events of one thread, in time order, as parallel
 * primitive arrays (a recording can hold tens of millions): a sample's weight is the bytes the
 * thread allocated since its previous sample; its class and allocation site are ids into the
 * recording's {@link NameTable}s.
 */
public final class ThreadSamples {

    private long[] times = new long[64];
    private long[] weights = new long[64];
    private int[] classes = new int[64];
    private int[] sites = new int[64];
    private int count;
    private boolean sorted = true;

    void add(long timeNanos, long weightBytes, int classId, int siteId) {
        if (count == times.length) {
            int capacity = count + (count >> 1);
            times = Arrays.copyOf(times, capacity);
            weights = Arrays.copyOf(weights, capacity);
            classes = Arrays.copyOf(classes, capacity);
            sites = Arrays.copyOf(sites, capacity);
        }
        if (count > 0 && timeNanos < times[count - 1]) {
            sorted = false;
        }
        times[count] = timeNanos;
        weights[count] = weightBytes;
        classes[count] = classId;
        sites[count] = siteId;
        count++;
    }

    /** Puts the samples in time order; chunks and threads' buffers need not arrive in order. */
    void sort() {
        if (sorted) {
            return;
        }
        int[] order = TimeOrder.of(times, count);
        times = TimeOrder.permute(times, order);
        weights = TimeOrder.permute(weights, order);
        classes = TimeOrder.permute(classes, order);
        sites = TimeOrder.permute(sites, order);
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

    /** Id of the sampled object's class in {@link LoadedRecording#classes()}. */
    public int classId(int i) {
        return classes[i];
    }

    /** Id of the allocation site in {@link LoadedRecording#sites()}, or -1 without a stack trace. */
    public int siteId(int i) {
        return sites[i];
    }
}

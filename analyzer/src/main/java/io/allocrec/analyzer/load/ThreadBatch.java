package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * What one chunk holds for one thread: its allocation samples (time, weight, allocation key) and
 * its scopes, as primitive columns. A chunk's share of a thread is small (a chunk is a few
 * megabytes to a few hundred), and it is dropped once attributed.
 */
public final class ThreadBatch {

    /** A scope's byte figure that the recording does not have. */
    public static final long UNKNOWN = -1;

    private final String threadName;

    private int samples;
    private long[] sampleTimes;
    private long[] weights;
    private int[] keys;

    private int scopes;
    private long[] starts;
    private long[] ends;
    private int[] nameIds;
    // A sweep's own figures; null while every scope so far has none (size and payload 0, bytes
    // UNKNOWN), as a service's own events never do: a chunk of short scopes is then 20 bytes a
    // scope, not 52, and a parsed chunk waiting its turn stays out of the old generation.
    private long[] sizes;
    private long[] payloads;
    private long[] allocated;
    private long[] retained;

    public ThreadBatch(String threadName) {
        this(threadName, 0, 0);
    }

    /**
     * A batch expected to hold about as many samples and scopes as given (the thread's in an
     * earlier chunk), with an eighth more room, so that it need not grow.
     */
    ThreadBatch(String threadName, int expectedSamples, int expectedScopes) {
        this.threadName = threadName;
        int samplesRoom = Math.max(16, expectedSamples + expectedSamples / 8);
        sampleTimes = new long[samplesRoom];
        weights = new long[samplesRoom];
        keys = new int[samplesRoom];
        int scopesRoom = Math.max(4, expectedScopes + expectedScopes / 8);
        starts = new long[scopesRoom];
        ends = new long[scopesRoom];
        nameIds = new int[scopesRoom];
    }

    public String threadName() {
        return threadName;
    }

    public void addSample(long time, long weight, int key) {
        if (samples == sampleTimes.length) {
            int grown = samples * 2;
            sampleTimes = Arrays.copyOf(sampleTimes, grown);
            weights = Arrays.copyOf(weights, grown);
            keys = Arrays.copyOf(keys, grown);
        }
        sampleTimes[samples] = time;
        weights[samples] = weight;
        keys[samples] = key;
        samples++;
    }

    public void addScope(int nameId, long start, long end, long size, long payload, long allocatedBytes, long retainedBytes) {
        if (scopes == starts.length) {
            int grown = scopes * 2;
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            nameIds = Arrays.copyOf(nameIds, grown);
            if (sizes != null) {
                sizes = Arrays.copyOf(sizes, grown);
                payloads = Arrays.copyOf(payloads, grown);
                allocated = Arrays.copyOf(allocated, grown);
                retained = Arrays.copyOf(retained, grown);
            }
        }
        starts[scopes] = start;
        ends[scopes] = end;
        nameIds[scopes] = nameId;
        if (sizes == null && (size != 0 || payload != 0 || allocatedBytes != UNKNOWN || retainedBytes != UNKNOWN)) {
            sizes = new long[starts.length];
            payloads = new long[starts.length];
            allocated = filled(starts.length, UNKNOWN);
            retained = filled(starts.length, UNKNOWN);
        }
        if (sizes != null) {
            sizes[scopes] = size;
            payloads[scopes] = payload;
            allocated[scopes] = allocatedBytes;
            retained[scopes] = retainedBytes;
        }
        scopes++;
    }

    private static long[] filled(int length, long value) {
        long[] values = new long[length];
        Arrays.fill(values, value);
        return values;
    }

    /**
     * Puts the samples in time order (a thread's buffers are flushed in order, so they nearly
     * are) and the scopes in the order they ended: a scope is committed when it ends, inner
     * scopes before the scopes around them, and that order is kept for equal ends.
     */
    public void sort() {
        if (!sorted(sampleTimes, samples)) {
            int[] order = TimeOrder.of(sampleTimes, samples); // sorts the times too
            weights = permuted(weights, order);
            keys = permuted(keys, order);
        }
        if (!sorted(ends, scopes)) {
            int[] order = TimeOrder.of(ends, scopes);
            starts = permuted(starts, order);
            nameIds = permuted(nameIds, order);
            if (sizes != null) {
                sizes = permuted(sizes, order);
                payloads = permuted(payloads, order);
                allocated = permuted(allocated, order);
                retained = permuted(retained, order);
            }
        }
    }

    /** Drops the unused capacity: a parsed chunk may wait in memory while others are parsed. */
    void trim() {
        sampleTimes = exactly(sampleTimes, samples);
        weights = exactly(weights, samples);
        keys = exactly(keys, samples);
        starts = exactly(starts, scopes);
        ends = exactly(ends, scopes);
        nameIds = exactly(nameIds, scopes);
        if (sizes != null) {
            sizes = exactly(sizes, scopes);
            payloads = exactly(payloads, scopes);
            allocated = exactly(allocated, scopes);
            retained = exactly(retained, scopes);
        }
    }

    private static long[] exactly(long[] values, int count) {
        return littleSpare(values.length, count) ? values : Arrays.copyOf(values, count);
    }

    private static int[] exactly(int[] values, int count) {
        return littleSpare(values.length, count) ? values : Arrays.copyOf(values, count);
    }

    /** Room for at most a quarter more is kept: a copy would cost more than it frees (batches are sized from the last chunk). */
    private static boolean littleSpare(int length, int count) {
        return length - count <= count / 4;
    }

    private static boolean sorted(long[] values, int count) {
        for (int i = 1; i < count; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The values in {@code order}, exactly as many as it has (no spare capacity to trim later). */
    private static long[] permuted(long[] values, int[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private static int[] permuted(int[] values, int[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    public int sampleCount() {
        return samples;
    }

    public long sampleTime(int i) {
        return sampleTimes[i];
    }

    public long weight(int i) {
        return weights[i];
    }

    public int key(int i) {
        return keys[i];
    }

    public int scopeCount() {
        return scopes;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }

    public int nameId(int i) {
        return nameIds[i];
    }

    public long size(int i) {
        return sizes == null ? 0 : sizes[i];
    }

    public long payload(int i) {
        return payloads == null ? 0 : payloads[i];
    }

    public long allocated(int i) {
        return allocated == null ? UNKNOWN : allocated[i];
    }

    public long retained(int i) {
        return retained == null ? UNKNOWN : retained[i];
    }
}

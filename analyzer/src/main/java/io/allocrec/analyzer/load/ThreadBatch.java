package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * What one chunk holds for one thread: its allocation samples (time, weight, allocation key) and
 * its scopes, as primitive columns. A chunk's share of a thread is small (a chunk is a few
 * megabytes to a few hundred); once attributed, its columns go back to the {@link ColumnPool} for
 * the batches of the chunks parsed next.
 */
public final class ThreadBatch {

    /** A scope's byte figure that the recording does not have. */
    public static final long UNKNOWN = -1;

    private final String threadName;
    /** Where the sample and scope columns come from and go back to; null: made and dropped. */
    private final ColumnPool pool;

    // Room in each group of columns: the least of their lengths (a pooled array may be longer than asked).
    private int sampleRoom;
    private int scopeRoom;

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
        this(threadName, 0, 0, null);
    }

    /**
     * A batch expected to hold about as many samples and scopes as given (the thread's in an
     * earlier chunk), with an eighth more room, so that it need not grow.
     *
     * @param pool where its columns come from, to go back by {@link #release()}; null for none
     */
    ThreadBatch(String threadName, int expectedSamples, int expectedScopes, ColumnPool pool) {
        this.threadName = threadName;
        this.pool = pool;
        int samplesRoom = Math.max(16, expectedSamples + expectedSamples / 8);
        sampleTimes = longs(samplesRoom);
        weights = longs(samplesRoom);
        keys = ints(samplesRoom);
        int scopesRoom = Math.max(4, expectedScopes + expectedScopes / 8);
        starts = longs(scopesRoom);
        ends = longs(scopesRoom);
        nameIds = ints(scopesRoom);
        measureRoom();
    }

    public String threadName() {
        return threadName;
    }

    public void addSample(long time, long weight, int key) {
        if (samples == sampleRoom) {
            int grown = samples * 2;
            sampleTimes = grown(sampleTimes, samples, grown);
            weights = grown(weights, samples, grown);
            keys = grown(keys, samples, grown);
            measureRoom();
        }
        sampleTimes[samples] = time;
        weights[samples] = weight;
        keys[samples] = key;
        samples++;
    }

    public void addScope(int nameId, long start, long end, long size, long payload, long allocatedBytes, long retainedBytes) {
        if (scopes == scopeRoom) {
            int grown = scopes * 2;
            starts = grown(starts, scopes, grown);
            ends = grown(ends, scopes, grown);
            nameIds = grown(nameIds, scopes, grown);
            if (sizes != null) {
                sizes = Arrays.copyOf(sizes, grown);
                payloads = Arrays.copyOf(payloads, grown);
                allocated = Arrays.copyOf(allocated, grown);
                retained = Arrays.copyOf(retained, grown);
            }
            measureRoom();
        }
        starts[scopes] = start;
        ends[scopes] = end;
        nameIds[scopes] = nameId;
        if (sizes == null && (size != 0 || payload != 0 || allocatedBytes != UNKNOWN || retainedBytes != UNKNOWN)) {
            sizes = new long[scopeRoom];
            payloads = new long[scopeRoom];
            allocated = filled(scopeRoom, UNKNOWN);
            retained = filled(scopeRoom, UNKNOWN);
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
            int[] order = TimeOrder.of(sampleTimes, samples, pool); // sorts the times too
            weights = permuted(weights, order, samples);
            keys = permuted(keys, order, samples);
            give(order);
        }
        if (!sorted(ends, scopes)) {
            int[] order = TimeOrder.of(ends, scopes, pool);
            starts = permuted(starts, order, scopes);
            nameIds = permuted(nameIds, order, scopes);
            if (sizes != null) {
                sizes = permuted(sizes, order, scopes);
                payloads = permuted(payloads, order, scopes);
                allocated = permuted(allocated, order, scopes);
                retained = permuted(retained, order, scopes);
            }
            give(order);
        }
        measureRoom();
    }

    private void measureRoom() {
        sampleRoom = Math.min(sampleTimes.length, Math.min(weights.length, keys.length));
        scopeRoom = Math.min(starts.length, Math.min(ends.length, nameIds.length));
        if (sizes != null) {
            scopeRoom = Math.min(scopeRoom, Math.min(Math.min(sizes.length, payloads.length),
                    Math.min(allocated.length, retained.length)));
        }
    }

    /**
     * Drops the unused capacity: a parsed chunk may wait in memory while others are parsed. Pooled
     * columns are kept as they are (at most about twice their values, the pool's rule): moving
     * them to shorter arrays cost more CPU and, allocating more, more memory (alternate runs of
     * both, docs/internals.md).
     */
    void trim() {
        if (pool != null) {
            return;
        }
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
        measureRoom();
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

    /** The first {@code count} values in {@code order}; the values' own array goes back to the pool. */
    private long[] permuted(long[] values, int[] order, int count) {
        long[] out = longs(count);
        for (int i = 0; i < count; i++) {
            out[i] = values[order[i]];
        }
        give(values);
        return out;
    }

    private int[] permuted(int[] values, int[] order, int count) {
        int[] out = ints(count);
        for (int i = 0; i < count; i++) {
            out[i] = values[order[i]];
        }
        give(values);
        return out;
    }

    /**
     * Gives the sample and scope columns back to the pool: the batch is attributed. It cannot be
     * read after this (its columns are gone, so a read fails rather than see another batch's values).
     */
    public void release() {
        give(sampleTimes);
        give(weights);
        give(keys);
        give(starts);
        give(ends);
        give(nameIds);
        give(sizes);
        give(payloads);
        give(allocated);
        give(retained);
        sampleTimes = null;
        weights = null;
        keys = null;
        starts = null;
        ends = null;
        nameIds = null;
        sizes = null;
        payloads = null;
        allocated = null;
        retained = null;
    }

    private long[] longs(int length) {
        return pool == null ? new long[length] : pool.longs(length);
    }

    private int[] ints(int length) {
        return pool == null ? new int[length] : pool.ints(length);
    }

    private long[] grown(long[] values, int count, int length) {
        long[] grown = longs(length);
        System.arraycopy(values, 0, grown, 0, count);
        give(values);
        return grown;
    }

    private int[] grown(int[] values, int count, int length) {
        int[] grown = ints(length);
        System.arraycopy(values, 0, grown, 0, count);
        give(values);
        return grown;
    }

    private void give(long[] values) {
        if (pool != null && values != null) {
            pool.give(values);
        }
    }

    private void give(int[] values) {
        if (pool != null && values != null) {
            pool.give(values);
        }
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

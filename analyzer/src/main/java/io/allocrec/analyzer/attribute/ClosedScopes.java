package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * A thread's settled scopes that no enclosing scope has claimed yet, oldest first. A scope
 * settles after the scopes nested in it, and those are exactly the unclaimed ones that started
 * at or after it: the newest ones, taken from the end. Kept as primitive columns: a busy thread
 * settles hundreds of thousands of scopes per chunk.
 */
final class ClosedScopes {

    /** What the direct children of a scope add up to. */
    record Children(int count, double inclusiveBytes, long inclusiveWeight, long low, long high) {
    }

    private long[] starts = new long[64];
    private double[] inclusiveBytes = new double[64];
    private long[] inclusiveWeights = new long[64];
    private long[] lows = new long[64];
    private long[] highs = new long[64];
    private int head;
    private int tail;

    /** @param high -1 when unknown */
    void add(long start, double bytes, long weight, long low, long high) {
        if (tail == starts.length) {
            if (head > 0) {
                int kept = tail - head;
                System.arraycopy(starts, head, starts, 0, kept);
                System.arraycopy(inclusiveBytes, head, inclusiveBytes, 0, kept);
                System.arraycopy(inclusiveWeights, head, inclusiveWeights, 0, kept);
                System.arraycopy(lows, head, lows, 0, kept);
                System.arraycopy(highs, head, highs, 0, kept);
                head = 0;
                tail = kept;
            }
            if (tail == starts.length) {
                starts = Arrays.copyOf(starts, tail * 2);
                inclusiveBytes = Arrays.copyOf(inclusiveBytes, tail * 2);
                inclusiveWeights = Arrays.copyOf(inclusiveWeights, tail * 2);
                lows = Arrays.copyOf(lows, tail * 2);
                highs = Arrays.copyOf(highs, tail * 2);
            }
        }
        starts[tail] = start;
        inclusiveBytes[tail] = bytes;
        inclusiveWeights[tail] = weight;
        lows[tail] = low;
        highs[tail] = high;
        tail++;
    }

    /** Removes and sums the unclaimed scopes that started at or after {@code start}; a sum of highs is -1 if one is. */
    Children takeStartedFrom(long start) {
        int count = 0;
        double bytes = 0;
        long weight = 0;
        long low = 0;
        long high = 0;
        while (tail > head && starts[tail - 1] >= start) {
            tail--;
            count++;
            bytes += inclusiveBytes[tail];
            weight += inclusiveWeights[tail];
            low += lows[tail];
            high = high < 0 || highs[tail] < 0 ? -1 : high + highs[tail];
        }
        return new Children(count, bytes, weight, low, high);
    }

    /** Forgets scopes that started before {@code time}: top-level for good, as far as the window knows. */
    void forgetStartedBefore(long time) {
        while (head < tail && starts[head] < time) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }
}

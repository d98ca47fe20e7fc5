package io.allocrec.analyzer.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A thread's settled scopes that no enclosing scope has claimed yet, oldest first. A scope
 * settles after the scopes nested in it, and those are exactly the unclaimed ones that started
 * at or after it: the newest ones, taken from the end. Kept as primitive columns: a busy thread
 * settles hundreds of thousands of scopes per chunk.
 *
 * <p>Scopes that leave the thread's window are not dropped but summed into a few blocks, so that
 * a long scope that settles later still learns of its children: exactly when a block lies wholly
 * inside it, conservatively when it straddles its start (then it may or may not hold children,
 * and the bounds allow for both).
 */
final class ClosedScopes {

    /** Blocks of forgotten scopes kept at most; beyond, the two oldest merge. */
    private static final int MAX_BLOCKS = 64;
    /**
     * Unclaimed scopes kept one by one at most (40 bytes each); beyond, the oldest half is summed
     * into a block, as if it had left the window. A busy thread settles hundreds of thousands of
     * scopes per chunk, and memory must not grow with that: only a scope that starts among a
     * block's scopes and settles later loses precision (its bounds stay true).
     */
    static final int MAX_UNCLAIMED = 16_384;

    /**
     * What the direct children of a scope add up to. One per {@code ClosedScopes}, filled anew by
     * each {@link #takeStartedFrom}: a thread settles millions of scopes, and an object each was
     * a sixth of a report's allocation.
     */
    static final class Children {
        private int count;
        private double inclusiveBytes;
        private long inclusiveWeight;
        private long low;
        private long high;

        int count() {
            return count;
        }

        double inclusiveBytes() {
            return inclusiveBytes;
        }

        long inclusiveWeight() {
            return inclusiveWeight;
        }

        /** The children's proven lower bounds, summed over the scopes surely among them. */
        long low() {
            return low;
        }

        /** Their upper bounds summed over every scope possibly among them; -1 if one is unknown. */
        long high() {
            return high;
        }
    }

    /** Scopes that left the window, summed. */
    private static final class Block {
        long minStart;
        long maxStart;
        int count;
        double bytes;
        long weight;
        long low;
        long high;

        Block(long minStart, long maxStart, int count, double bytes, long weight, long low, long high) {
            this.minStart = minStart;
            this.maxStart = maxStart;
            this.count = count;
            this.bytes = bytes;
            this.weight = weight;
            this.low = low;
            this.high = high;
        }

        void merge(Block other) {
            minStart = Math.min(minStart, other.minStart);
            maxStart = Math.max(maxStart, other.maxStart);
            count += other.count;
            bytes += other.bytes;
            weight += other.weight;
            low += other.low;
            high = high < 0 || other.high < 0 ? -1 : high + other.high;
        }
    }

    private long[] starts = new long[4];
    private double[] inclusiveBytes = new double[4];
    private long[] inclusiveWeights = new long[4];
    private long[] lows = new long[4];
    private long[] highs = new long[4];
    private int head;
    private int tail;
    private final List<Block> forgotten = new ArrayList<>();
    private final Children taken = new Children();

    /** @param high -1 when unknown */
    void add(long start, double bytes, long weight, long low, long high) {
        if (tail - head == MAX_UNCLAIMED) {
            forget(MAX_UNCLAIMED / 2);
        }
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

    /**
     * Removes and sums the unclaimed scopes that started at or after {@code start}; the sums hold
     * until the next call.
     */
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
        while (tail == head && !forgotten.isEmpty()) {
            Block block = forgotten.get(forgotten.size() - 1);
            if (block.maxStart < start) {
                break;
            }
            forgotten.remove(forgotten.size() - 1);
            count += block.count;
            high = high < 0 || block.high < 0 ? -1 : high + block.high;
            if (block.minStart >= start) {
                bytes += block.bytes;
                weight += block.weight;
                low += block.low;
            } else {
                // Straddles the start: some of these may be children. The estimate takes the
                // share of the block's time span inside the scope; the bounds allow for all or none.
                double inside = (block.maxStart - start + 1) / (double) (block.maxStart - block.minStart + 1);
                bytes += block.bytes * inside;
                weight += Math.round(block.weight * inside);
                break;
            }
        }
        taken.count = count;
        taken.inclusiveBytes = bytes;
        taken.inclusiveWeight = weight;
        taken.low = low;
        taken.high = high;
        return taken;
    }

    /** Sums the scopes that started before {@code time} into a block: they left the window. */
    void forgetStartedBefore(long time) {
        int count = 0;
        while (head + count < tail && starts[head + count] < time) {
            count++;
        }
        forget(count);
    }

    /**
     * Sums the {@code count} oldest unclaimed scopes into a block, in local variables: under C1 a
     * block's fields would be loaded and stored again for every scope, and a thread of short
     * scopes that nest in nothing has all of them summed here.
     */
    private void forget(int count) {
        if (count == 0) {
            return;
        }
        long minStart = Long.MAX_VALUE;
        long maxStart = Long.MIN_VALUE;
        double bytes = 0;
        long weight = 0;
        long low = 0;
        long high = 0;
        for (int end = head + count; head < end; head++) {
            long start = starts[head];
            minStart = Math.min(minStart, start);
            maxStart = Math.max(maxStart, start);
            bytes += inclusiveBytes[head];
            weight += inclusiveWeights[head];
            low += lows[head];
            high = high < 0 || highs[head] < 0 ? -1 : high + highs[head];
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        forgotten.add(new Block(minStart, maxStart, count, bytes, weight, low, high));
        if (forgotten.size() > MAX_BLOCKS) {
            forgotten.get(0).merge(forgotten.remove(1));
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * A stable sort of indices by time, on primitive arrays (no boxing for millions of samples).
 * A thread's samples arrive as a few long ascending runs (about six per thread and chunk in the
 * benchmark recordings), so this is a natural merge sort: it finds the runs and merges them all
 * in one pass, each output the least head among them (a heap of the runs), where a plain merge
 * sort would make two dozen passes.
 */
final class TimeOrder {

    private TimeOrder() {
    }

    /**
     * The indices 0..count-1 ordered by {@code times}, equal times kept in their order. Sorts
     * {@code times} itself along the way.
     */
    static int[] of(long[] times, int count) {
        return of(times, count, null);
    }

    /**
     * As {@link #of(long[], int)}, its arrays taken from {@code pool} when there is one: the
     * order may then be longer than {@code count}, and only its first {@code count} are the order.
     */
    static int[] of(long[] times, int count, ColumnPool pool) {
        int[] order = pool == null ? new int[count] : pool.ints(count);
        int[] runStarts = new int[8];
        int runs = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || times[i] < times[i - 1]) {
                if (runs == runStarts.length) {
                    runStarts = Arrays.copyOf(runStarts, runs * 2);
                }
                runStarts[runs++] = i;
            }
        }
        if (runs <= 1) {
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            return order;
        }
        new Merge(times, count, runStarts, runs).into(order, pool);
        return order;
    }

    /** The runs, each at its next index, in a heap by that index's time, then by run (stability). */
    private static final class Merge {
        private final long[] times;
        private final int count;
        private final int[] next;
        private final int[] ends;
        private final int[] heap;
        private int size;

        Merge(long[] times, int count, int[] runStarts, int runs) {
            this.times = times;
            this.count = count;
            next = Arrays.copyOf(runStarts, runs);
            ends = new int[runs];
            heap = new int[runs];
            for (int r = 0; r < runs; r++) {
                ends[r] = r + 1 < runs ? runStarts[r + 1] : count;
                heap[r] = r;
            }
            size = runs;
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        void into(int[] order, ColumnPool pool) {
            long[] sorted = pool == null ? new long[count] : pool.longs(count);
            int out = 0;
            while (out < count) {
                // The least head takes its turn, and keeps it up to the least head of the other
                // runs (a child of the heap's top): runs overlap little, so most indices are
                // placed by one comparison rather than a trip through the heap.
                int run = heap[0];
                int rival = size == 1 ? -1 : size == 2 || before(heap[1], heap[2]) ? heap[1] : heap[2];
                long limit = rival < 0 ? Long.MAX_VALUE : times[next[rival]];
                boolean tieGoesFirst = rival < 0 || run < rival;
                int from = next[run];
                int end = ends[run];
                do {
                    order[out] = from;
                    sorted[out++] = times[from++];
                } while (from < end && (times[from] < limit || tieGoesFirst && times[from] == limit));
                next[run] = from;
                if (from == end) {
                    heap[0] = heap[--size];
                }
                siftDown(0);
            }
            System.arraycopy(sorted, 0, times, 0, count);
            if (pool != null) {
                pool.give(sorted);
            }
        }

        /** Whether run a's head comes before run b's: the earlier time, or the earlier run at equal times. */
        private boolean before(int a, int b) {
            long timeA = times[next[a]];
            long timeB = times[next[b]];
            return timeA < timeB || timeA == timeB && a < b;
        }

        private void siftDown(int at) {
            int run = heap[at];
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!before(heap[child], run)) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = run;
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A stable sort of indices by time, on primitive arrays (no boxing for millions of samples).
 * A thread's samples arrive as a few long ascending runs (about six per thread and chunk in the
 * benchmark recordings), so this is a natural merge sort: it finds the runs and merges them all
 * in one pass when they are few, or neighbours in a handful of passes when they are many, where
 * a plain merge sort would make two dozen.
 */
final class TimeOrder {

    /** Runs merged in one pass at most: each output takes the least of their heads. */
    private static final int MAX_RUNS_AT_ONCE = 16;

    private TimeOrder() {
    }

    /**
     * The indices 0..count-1 ordered by {@code times}, equal times kept in their order. Sorts
     * {@code times} itself along the way (merging the times and the indices side by side keeps
     * memory access sequential).
     */
    static int[] of(long[] times, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        List<Integer> runStarts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i == 0 || times[i] < times[i - 1]) {
                runStarts.add(i);
            }
        }
        runStarts.add(count);
        if (runStarts.size() - 1 <= MAX_RUNS_AT_ONCE) {
            mergeAtOnce(times, count, runStarts, order);
            return order;
        }
        int[] scratch = new int[count];
        long[] timeScratch = new long[count];
        while (runStarts.size() > 2) {
            List<Integer> merged = new ArrayList<>();
            for (int r = 0; r + 1 < runStarts.size(); r += 2) {
                int low = runStarts.get(r);
                merged.add(low);
                if (r + 2 < runStarts.size()) {
                    merge(times, timeScratch, order, scratch, low, runStarts.get(r + 1), runStarts.get(r + 2));
                }
            }
            merged.add(count);
            runStarts = merged;
        }
        return order;
    }

    /**
     * Merges the runs in one pass into {@code order}, and {@code times} along; of equal times, the
     * earlier run's first, as merging neighbours keeps them.
     */
    private static void mergeAtOnce(long[] times, int count, List<Integer> runStarts, int[] order) {
        int runs = runStarts.size() - 1;
        if (runs <= 1) {
            return; // in order already
        }
        int[] next = new int[runs];
        int[] ends = new int[runs];
        for (int r = 0; r < runs; r++) {
            next[r] = runStarts.get(r);
            ends[r] = runStarts.get(r + 1);
        }
        long[] sorted = new long[count];
        for (int out = 0; out < count; out++) {
            int least = -1;
            for (int r = 0; r < runs; r++) {
                if (next[r] < ends[r] && (least < 0 || times[next[r]] < times[next[least]])) {
                    least = r;
                }
            }
            int from = next[least]++;
            order[out] = from;
            sorted[out] = times[from];
        }
        System.arraycopy(sorted, 0, times, 0, count);
    }

    private static void merge(long[] times, long[] timeScratch, int[] order, int[] scratch,
                              int low, int middle, int high) {
        int left = low;
        int right = middle;
        for (int out = low; out < high; out++) {
            if (right >= high || (left < middle && times[left] <= times[right])) {
                timeScratch[out] = times[left];
                scratch[out] = order[left++];
            } else {
                timeScratch[out] = times[right];
                scratch[out] = order[right++];
            }
        }
        System.arraycopy(scratch, low, order, low, high - low);
        System.arraycopy(timeScratch, low, times, low, high - low);
    }
}

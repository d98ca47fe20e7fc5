package io.allocrec.analyzer.load;

/** A stable sort of indices by time, on primitive arrays (no boxing for millions of samples). */
final class TimeOrder {

    private TimeOrder() {
    }

    /** The indices 0..count-1 ordered by {@code times}, equal times kept in their order. */
    static int[] of(long[] times, int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        int[] scratch = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int low = 0; low < count - width; low += 2 * width) {
                merge(times, order, scratch, low, low + width, Math.min(low + 2 * width, count));
            }
        }
        return order;
    }

    private static void merge(long[] times, int[] order, int[] scratch, int low, int middle, int high) {
        int left = low;
        int right = middle;
        for (int out = low; out < high; out++) {
            if (right >= high || (left < middle && times[order[left]] <= times[order[right]])) {
                scratch[out] = order[left++];
            } else {
                scratch[out] = order[right++];
            }
        }
        System.arraycopy(scratch, low, order, low, high - low);
    }

    static long[] permute(long[] values, int[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    static int[] permute(int[] values, int[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }
}

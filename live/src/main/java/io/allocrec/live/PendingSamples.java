package io.allocrec.live;

/**
 * One thread's allocation samples that no scope has claimed yet, oldest first. A sample belongs to
 * the innermost scope of its thread that was running when it was taken; scope events arrive when
 * the scope ends (JFR commits them then), after the samples inside them, and an inner scope ends
 * before its outer one. So each arriving scope claims the unclaimed samples since its start, and
 * the ones left when they grow old were outside every scope.
 */
final class PendingSamples {

    /** Beyond this many unclaimed samples on one thread, the oldest count as outside scopes. */
    static final int CAPACITY = 4096;

    private long[] times = new long[16];
    private long[] weights = new long[16];
    private int first;
    private int size;

    /** Adds a sample; returns the weight of the oldest one pushed out when full, else 0. */
    long add(long timeNanos, long weight) {
        long pushedOut = 0;
        if (size == CAPACITY) {
            pushedOut = weights[first];
            first = (first + 1) % times.length;
            size--;
        } else if (size == times.length) {
            grow();
        }
        int at = (first + size) % times.length;
        times[at] = timeNanos;
        weights[at] = weight;
        size++;
        return pushedOut;
    }

    /** Takes the unclaimed samples taken at or after {@code startNanos}: what the scope ending now allocated. */
    Claim claim(long startNanos) {
        long weight = 0;
        int samples = 0;
        for (int i = size - 1; i >= 0; i--) {
            int at = (first + i) % times.length;
            if (times[at] < startNanos) {
                break;
            }
            if (weights[at] > 0) {
                weight += weights[at];
                samples++;
                weights[at] = 0;
            }
        }
        return samples == 0 ? Claim.NONE : new Claim(weight, samples);
    }

    /** Drops the samples taken before {@code oldestNanos}; returns the weight of those no scope claimed. */
    long dropBefore(long oldestNanos) {
        long unclaimed = 0;
        while (size > 0 && times[first] < oldestNanos) {
            unclaimed += weights[first];
            first = (first + 1) % times.length;
            size--;
        }
        return unclaimed;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        long[] grownTimes = new long[Math.min(CAPACITY, times.length * 2)];
        long[] grownWeights = new long[grownTimes.length];
        for (int i = 0; i < size; i++) {
            grownTimes[i] = times[(first + i) % times.length];
            grownWeights[i] = weights[(first + i) % times.length];
        }
        times = grownTimes;
        weights = grownWeights;
        first = 0;
    }

    /** Sample weight and count a scope claimed. */
    record Claim(long weight, int samples) {
        static final Claim NONE = new Claim(0, 0);
    }
}

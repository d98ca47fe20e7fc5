package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.ThreadSamples;

/**
 * A thread's cumulative allocated bytes over time, estimated from its allocation samples.
 *
 * <p>A sample's weight is the bytes the thread allocated since its previous sample, so the
 * samples give the cumulative curve exactly at each sample's time; between two samples this
 * class interpolates linearly. The bytes allocated in a time range are then
 * {@code at(end) - at(start)}: a sample that straddles the range's start counts only for the
 * part of its interval inside the range, instead of bringing in everything the thread
 * allocated before. For a thread that started during the recording, the first sample's
 * interval starts with the thread. For one that was already running, the first sample's weight
 * covers an unknown stretch before the recording (since the thread's last sample in an earlier
 * recording, or since it started): that weight is left out and the curve starts at that sample.
 * Bytes allocated after a thread's last sample appear in no weight and are not counted.
 *
 * <p>The interpolation runs over {@link RunningTime}, so a collection pause inside a sample's
 * interval gets none of its bytes.
 */
final class AllocationCurve {

    private final ThreadSamples samples;
    private final RunningTime runningTime;
    private final long origin;
    private final long[] cumulative;

    /** @param threadStartNanos when the thread started, or null if it started before the recording */
    AllocationCurve(ThreadSamples samples, Long threadStartNanos, RunningTime runningTime) {
        this.samples = samples;
        this.runningTime = runningTime;
        boolean startKnown = threadStartNanos != null && samples.count() > 0 && threadStartNanos <= samples.time(0);
        this.origin = startKnown ? threadStartNanos : samples.count() > 0 ? samples.time(0) : Long.MAX_VALUE;
        this.cumulative = new long[samples.count()];
        long total = 0;
        for (int i = 0; i < samples.count(); i++) {
            if (i > 0 || startKnown) {
                total += samples.weight(i);
            }
            cumulative[i] = total;
        }
    }

    /** Estimated bytes the thread allocated between the recording's start and {@code time}. */
    double at(long time) {
        int count = samples.count();
        if (count == 0 || time <= origin) {
            return 0;
        }
        if (time >= samples.time(count - 1)) {
            return cumulative[count - 1];
        }
        // The first sample strictly after: every sample at or before time is then fully counted,
        // also when several share a time or fall in one collection pause.
        int next = firstSampleAfter(time);
        long nextTime = samples.time(next);
        long previousTime = next == 0 ? origin : samples.time(next - 1);
        double previousTotal = next == 0 ? 0 : cumulative[next - 1];
        long interval = runningTime.at(nextTime) - runningTime.at(previousTime);
        if (interval <= 0) {
            return previousTotal;
        }
        long elapsed = runningTime.at(time) - runningTime.at(previousTime);
        return previousTotal + samples.weight(next) * (double) elapsed / interval;
    }

    /** Estimated bytes allocated between two times. */
    double between(long start, long end) {
        return at(end) - at(start);
    }

    private int firstSampleAfter(long time) {
        int low = 0;
        int high = samples.count() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (samples.time(mid) <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

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
 * allocated before. The first sample's interval is taken to start when the recording began,
 * or when the thread started if that was later.
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

    AllocationCurve(ThreadSamples samples, long originNanos, RunningTime runningTime) {
        this.samples = samples;
        this.runningTime = runningTime;
        this.origin = samples.count() == 0 ? originNanos : Math.min(originNanos, samples.time(0));
        this.cumulative = new long[samples.count()];
        long total = 0;
        for (int i = 0; i < samples.count(); i++) {
            total += samples.weight(i);
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
        int next = firstSampleAtOrAfter(time);
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

    private int firstSampleAtOrAfter(long time) {
        int low = 0;
        int high = samples.count() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (samples.time(mid) < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

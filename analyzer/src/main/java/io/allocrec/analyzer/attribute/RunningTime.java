package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * Time with the stop-the-world garbage collection pauses taken out: Java threads allocate
 * nothing during a pause, so allocation is spread over running time, not wall-clock time.
 * Without this, a sample whose interval spans a collection would credit the pause with bytes
 * and a scope next to it with too few.
 */
final class RunningTime {

    private final long[] starts;
    private final long[] ends;
    private final long[] pausedBeforeStart;

    /** @param pauses pairs of [start, end] nanoseconds, in any order, possibly overlapping */
    RunningTime(long[][] pauses) {
        long[][] sorted = pauses.clone();
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] mergedStarts = new long[sorted.length];
        long[] mergedEnds = new long[sorted.length];
        int count = 0;
        for (long[] pause : sorted) {
            if (count > 0 && pause[0] <= mergedEnds[count - 1]) {
                mergedEnds[count - 1] = Math.max(mergedEnds[count - 1], pause[1]);
            } else {
                mergedStarts[count] = pause[0];
                mergedEnds[count] = pause[1];
                count++;
            }
        }
        starts = Arrays.copyOf(mergedStarts, count);
        ends = Arrays.copyOf(mergedEnds, count);
        pausedBeforeStart = new long[count];
        long paused = 0;
        for (int i = 0; i < count; i++) {
            pausedBeforeStart[i] = paused;
            paused += ends[i] - starts[i];
        }
    }

    /** No pauses known: running time is wall-clock time. */
    static RunningTime wallClock() {
        return new RunningTime(new long[0][]);
    }

    /** Wall-clock {@code time} minus the pause time before it. */
    long at(long time) {
        int index = Arrays.binarySearch(starts, time);
        int last = index >= 0 ? index : -index - 2; // the last pause starting at or before time
        if (last < 0) {
            return time;
        }
        long pausedSoFar = pausedBeforeStart[last] + Math.min(time, ends[last]) - starts[last];
        return time - pausedSoFar;
    }
}

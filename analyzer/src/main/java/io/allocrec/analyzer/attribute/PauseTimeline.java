package io.allocrec.analyzer.attribute;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stop-the-world collection pauses of one JVM, so that time can be measured as running
 * time: Java threads allocate nothing during a pause, so allocation is spread over running time,
 * not wall-clock time. Without this, a sample whose interval spans a collection would credit the
 * pause with bytes and a scope next to it with too few.
 *
 * <p>Only differences of running time are used, so pauses older than anything still needed can
 * be dropped ({@link #dropBefore}) and memory stays flat over a long recording.
 */
final class PauseTimeline {

    private final TreeMap<Long, Long> pauses = new TreeMap<>(); // start -> end, merged
    private long[] starts = new long[0];
    private long[] ends = new long[0];
    private long[] pausedBefore = new long[0];
    private boolean dirty;
    /** The pause {@link #runningTime} found last: the next time asked is mostly in the same gap. */
    private int lastFound = -1;
    /** The last question {@link #noPauseBetween} answered, and its answer, until the pauses change. */
    private boolean lastAnswerKnown;
    private long lastFrom;
    private long lastTo;
    private boolean lastNoPause;

    /** Adds a pause; overlapping and touching pauses are merged. */
    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        long mergedStart = start;
        long mergedEnd = end;
        Map.Entry<Long, Long> before = pauses.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            mergedStart = before.getKey();
            mergedEnd = Math.max(mergedEnd, before.getValue());
            pauses.remove(before.getKey());
        }
        Map.Entry<Long, Long> after = pauses.ceilingEntry(mergedStart);
        while (after != null && after.getKey() <= mergedEnd) {
            mergedEnd = Math.max(mergedEnd, after.getValue());
            pauses.remove(after.getKey());
            after = pauses.ceilingEntry(mergedStart);
        }
        pauses.put(mergedStart, mergedEnd);
        dirty = true;
    }

    /** Forgets the pauses that ended before {@code time}. */
    void dropBefore(long time) {
        while (!pauses.isEmpty() && pauses.firstEntry().getValue() < time) {
            pauses.pollFirstEntry();
            dirty = true;
        }
    }

    /** Wall-clock {@code time} minus the (remembered) pause time before it. */
    long runningTime(long time) {
        if (dirty) {
            rebuild();
        }
        int last = lastFound; // the last pause starting at or before time
        if (!(last < starts.length && (last < 0 || starts[last] <= time)
                && (last + 1 == starts.length || starts[last + 1] > time))) {
            int index = Arrays.binarySearch(starts, time);
            last = index >= 0 ? index : -index - 2;
            lastFound = last;
        }
        if (last < 0) {
            return time;
        }
        long pausedSoFar = pausedBefore[last] + Math.min(time, ends[last]) - starts[last];
        return time - pausedSoFar;
    }

    /**
     * Whether no pause overlaps {@code from} to {@code to}: running time then passes as
     * wall-clock time does between them. The time paused before a moment only grows, so it is
     * the same all along exactly when it is the same at both ends.
     */
    boolean noPauseBetween(long from, long to) {
        if (dirty) {
            rebuild(); // forgets the last answer
        }
        // Asked for each end of each scope, mostly of the same two samples as last time.
        if (!lastAnswerKnown || from != lastFrom || to != lastTo) {
            lastNoPause = from - runningTime(from) == to - runningTime(to);
            lastFrom = from;
            lastTo = to;
            lastAnswerKnown = true;
        }
        return lastNoPause;
    }

    private void rebuild() {
        lastFound = -1;
        lastAnswerKnown = false;
        int count = pauses.size();
        starts = new long[count];
        ends = new long[count];
        pausedBefore = new long[count];
        int i = 0;
        long paused = 0;
        for (Map.Entry<Long, Long> pause : pauses.entrySet()) {
            starts[i] = pause.getKey();
            ends[i] = pause.getValue();
            pausedBefore[i] = paused;
            paused += ends[i] - starts[i];
            i++;
        }
        dirty = false;
    }

    int size() {
        return pauses.size();
    }
}

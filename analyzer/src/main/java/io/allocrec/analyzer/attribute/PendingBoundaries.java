package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * One thread's scope starts and ends not yet handed over to the estimator, each list kept in the
 * order the estimator takes them, so that a hand-over is a merge of three sorted runs (ends,
 * samples, starts) and never a sort.
 *
 * <p>Starts are ordered by time, then the outer scope (the later end) first; ends by time, then
 * the inner scope (the later start) first; equal ones in the order they were added. Scopes arrive
 * as they settle, in the order they ended, after the scopes nested in them: an end mostly goes
 * last, and a start moves back only past the starts of its own nested scopes still held.
 */
final class PendingBoundaries {

    private static final int START_FIELDS = 3; // time, -end, name id
    private static final int END_FIELDS = 2; // time, -start

    private long[] starts = new long[0];
    private int startCount;
    private long[] ends = new long[0];
    private int endCount;

    /** Boundaries held: two per scope. */
    int size() {
        return startCount + endCount;
    }

    void add(long start, long end, int nameId) {
        starts = roomFor(starts, startCount, START_FIELDS);
        int at = insertionPoint(starts, startCount, START_FIELDS, start, -end);
        if (at < startCount) { // mostly it goes last
            System.arraycopy(starts, START_FIELDS * at, starts, START_FIELDS * (at + 1), START_FIELDS * (startCount - at));
        }
        starts[START_FIELDS * at] = start;
        starts[START_FIELDS * at + 1] = -end;
        starts[START_FIELDS * at + 2] = nameId;
        startCount++;

        ends = roomFor(ends, endCount, END_FIELDS);
        at = insertionPoint(ends, endCount, END_FIELDS, end, -start);
        if (at < endCount) {
            System.arraycopy(ends, END_FIELDS * at, ends, END_FIELDS * (at + 1), END_FIELDS * (endCount - at));
        }
        ends[END_FIELDS * at] = end;
        ends[END_FIELDS * at + 1] = -start;
        endCount++;
    }

    /** After the last held entry not greater than (time, tieBreak): found from the end, where it mostly is. */
    private static int insertionPoint(long[] list, int count, int fields, long time, long tieBreak) {
        int at = count;
        while (at > 0) {
            long heldTime = list[fields * (at - 1)];
            if (heldTime < time || heldTime == time && list[fields * (at - 1) + 1] <= tieBreak) {
                break;
            }
            at--;
        }
        return at;
    }

    private static long[] roomFor(long[] list, int count, int fields) {
        if (fields * (count + 1) <= list.length) {
            return list;
        }
        return Arrays.copyOf(list, Math.max(fields * 16, fields * (count + (count >> 1) + 1)));
    }

    int startCount() {
        return startCount;
    }

    long startTime(int i) {
        return starts[START_FIELDS * i];
    }

    int startName(int i) {
        return (int) starts[START_FIELDS * i + 2];
    }

    int endCount() {
        return endCount;
    }

    long endTime(int i) {
        return ends[END_FIELDS * i];
    }

    /** How many of the held starts lie before {@code horizon}: they come first. */
    int startsBefore(long horizon) {
        return countBefore(starts, startCount, START_FIELDS, horizon);
    }

    /** How many of the held ends lie before {@code horizon}: they come first. */
    int endsBefore(long horizon) {
        return countBefore(ends, endCount, END_FIELDS, horizon);
    }

    private static int countBefore(long[] list, int count, int fields, long horizon) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (list[fields * mid] < horizon) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Drops the boundaries before {@code horizon}, and the spare room a busy chunk left; returns
     * how many went.
     */
    int dropBefore(long horizon) {
        int dropped = dropBeforeKeepingRoom(horizon);
        starts = shrunk(starts, startCount, START_FIELDS);
        ends = shrunk(ends, endCount, END_FIELDS);
        return dropped;
    }

    /**
     * Drops the boundaries before {@code horizon} and keeps the room: a thread handing over in the
     * middle of a busy chunk fills it again at once (shrinking and growing it each time was a
     * fifth of a report's allocation on a recording of short scopes). Returns how many went.
     */
    int dropBeforeKeepingRoom(long horizon) {
        int droppedStarts = startsBefore(horizon);
        int droppedEnds = endsBefore(horizon);
        startCount -= droppedStarts;
        endCount -= droppedEnds;
        System.arraycopy(starts, START_FIELDS * droppedStarts, starts, 0, START_FIELDS * startCount);
        System.arraycopy(ends, END_FIELDS * droppedEnds, ends, 0, END_FIELDS * endCount);
        return droppedStarts + droppedEnds;
    }

    private static long[] shrunk(long[] list, int count, int fields) {
        return list.length > fields * 64 && 16 * fields * count < list.length
                ? Arrays.copyOf(list, fields * Math.max(16, 8 * count)) : list;
    }

    /** Drops everything; returns how many went. */
    int clear() {
        int dropped = size();
        starts = new long[0];
        ends = new long[0];
        startCount = 0;
        endCount = 0;
        return dropped;
    }
}

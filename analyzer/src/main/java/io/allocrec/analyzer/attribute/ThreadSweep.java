package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.ThreadBatch;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Attributes one thread's allocation samples to its scopes as the thread's chunks arrive, keeping
 * only a window of recent samples: memory grows with the samples of the last two chunks, not
 * with the recording.
 *
 * <p>A sample's weight is the bytes the thread allocated since its previous sample, so the samples
 * give the thread's cumulative allocation exactly at each sample's time. A scope arrives when it
 * ends (JFR commits it then), after the scopes nested in it. It is settled once the first sample
 * after its end is known: then
 * <ul>
 * <li>its estimate is the rise of the cumulative curve over the scope, interpolated linearly
 *     between samples over running time ({@link PauseTimeline});
 * <li>its proven bounds are the rise from the first sample after its start to the last before its
 *     end (at least) and from the last sample before its start to the first after its end (at most);
 * <li>the samples inside it that no nested scope took are its own (innermost attribution).
 * </ul>
 * Samples that no scope has taken when they leave the window are outside every scope. A scope
 * that started before the window (it spans more than a chunk) is estimated from coarser points
 * kept from older samples: its bounds stay true, its own samples may already have been counted
 * outside.
 */
final class ThreadSweep {

    /** Older samples kept as single points, for scopes that started before the window. */
    private static final int MAX_CHECKPOINTS = 64;
    /** Scopes waiting for the thread's next sample; beyond this they are settled without it. */
    private static final int MAX_WAITING = 20_000;
    /**
     * Boundaries kept for the estimator past which what precedes the latest sample is handed over
     * at once, rather than when the chunk is forgotten: a chunk of millions of short scopes would
     * otherwise not fit the budget. A scope still open then is left out of the estimate.
     */
    private static final int HAND_OVER_AT = 1 << 15;

    private final String threadName;
    private final SweepListener listener;

    // The window of samples, oldest first: positions [0, count) hold sequence numbers [firstSeq, firstSeq + count).
    // Small at first: a recording may hold millions of short-lived virtual threads.
    private long[] times = new long[4];
    private long[] cumulative = new long[4];
    private long[] weights = new long[4];
    private int[] keys = new int[4];
    private int count;
    private long firstSeq;
    private long nextSeq;
    private long total;
    private boolean originKnown;

    // Points (time, cumulative) older than the window, and the thread's start when known.
    private long[] checkpointTimes = new long[4];
    private long[] checkpointValues = new long[4];
    private int checkpoints;

    // Samples in the window that no scope has taken yet, by sequence number, oldest first.
    private long[] unclaimed = new long[4];
    private int unclaimedHead;
    private int unclaimedCount;

    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final ClosedScopes closed = new ClosedScopes();
    private long lastActivityChunk;

    // The per-name estimator's view of the thread: its samples and settled scopes in time order,
    // handed over as they leave the window. Null when no estimator is wanted.
    private final CallCountEstimator estimator;
    private SpanTimeline timeline;
    private final PendingBoundaries boundaries = new PendingBoundaries();
    private boolean collectBoundaries = true;
    private final BoundaryBudget budget;
    /** Set when the budget ran out in this part; scopes starting up to {@code abandonedUpTo} are left out of the estimate. */
    private boolean abandoned;
    private long abandonedUpTo = Long.MIN_VALUE;
    private long handedOverUpTo = Long.MIN_VALUE;
    private long handedOverSeq;


    /** A scope that ended, waiting for the first sample after its end. */
    private record Waiting(int nameId, long start, long end, long size, long payload, long allocated, long retained) {
    }

    ThreadSweep(String threadName, Long threadStart, SweepListener listener) {
        this(threadName, threadStart, listener, null);
    }

    ThreadSweep(String threadName, Long threadStart, SweepListener listener, CallCountEstimator estimator) {
        this(threadName, threadStart, listener, estimator, new BoundaryBudget(BoundaryBudget.DEFAULT_LIMIT));
    }

    /** @param budget the boundaries all threads together may keep for the estimator */
    ThreadSweep(String threadName, Long threadStart, SweepListener listener, CallCountEstimator estimator,
                BoundaryBudget budget) {
        this.threadName = threadName;
        this.budget = budget;
        this.listener = listener;
        this.estimator = estimator;
        if (threadStart != null) {
            checkpointTimes[0] = threadStart;
            checkpointValues[0] = 0;
            checkpoints = 1;
            originKnown = true;
        }
    }

    long lastActivityChunk() {
        return lastActivityChunk;
    }

    boolean isIdle() {
        return waiting.isEmpty();
    }

    /** Takes the thread's part of the next chunk. */
    void accept(ThreadBatch batch, PauseTimeline pauses, long chunkNumber) {
        accept(batch, pauses, chunkNumber, true);
    }

    /**
     * Takes the thread's part of the next chunk; {@code forEstimate} says whether the estimator
     * will take this chunk's scopes (if not, they are not kept for it).
     */
    void accept(ThreadBatch batch, PauseTimeline pauses, long chunkNumber, boolean forEstimate) {
        collectBoundaries = forEstimate;
        if (batch.sampleCount() > 0 || batch.scopeCount() > 0) {
            lastActivityChunk = chunkNumber;
        }
        int scope = 0; // the batch's scopes, in the order they ended: they wait only when they must
        for (int i = 0; i < batch.sampleCount(); i++) {
            long time = batch.sampleTime(i);
            // The sample is on the curve before the scopes that ended before it settle (it is
            // their first sample after), but no scope that ended before it may take it.
            long seq = addSample(time, batch.weight(i), batch.key(i));
            while (true) {
                boolean fromQueue = !waiting.isEmpty() && waiting.peek().end < time;
                boolean fromBatch = scope < batch.scopeCount() && batch.end(scope) < time;
                if (fromQueue && (!fromBatch || waiting.peek().end <= batch.end(scope))) {
                    settle(waiting.poll(), pauses);
                } else if (fromBatch) {
                    // Settled straight from the batch's columns: most scopes never wait.
                    settle(batch.nameId(scope), batch.start(scope), batch.end(scope), batch.size(scope),
                            batch.payload(scope), batch.allocated(scope), batch.retained(scope), pauses);
                    scope++;
                } else {
                    break;
                }
            }
            addUnclaimed(seq);
            if (boundaries.size() >= HAND_OVER_AT && estimator != null && collectBoundaries && !abandoned) {
                handOverBefore(time, true, true);
            }
        }
        for (; scope < batch.scopeCount(); scope++) {
            waiting.add(waitingOf(batch, scope));
        }
        while (waiting.size() > MAX_WAITING) {
            settle(waiting.poll(), pauses);
        }
    }

    private static Waiting waitingOf(ThreadBatch batch, int i) {
        return new Waiting(batch.nameId(i), batch.start(i), batch.end(i), batch.size(i), batch.payload(i),
                batch.allocated(i), batch.retained(i));
    }

    /** Settles everything: the thread ended, or the recording did. */
    void finish(PauseTimeline pauses) {
        while (!waiting.isEmpty()) {
            settle(waiting.poll(), pauses);
        }
        forgetBefore(Long.MAX_VALUE);
    }

    /**
     * Lets go of the samples and settled scopes older than {@code horizon}: samples no scope took
     * by then are outside every scope; the last one before the horizon stays as a point.
     */
    void forgetBefore(long horizon) {
        forgetBefore(horizon, true);
    }

    /**
     * As {@link #forgetBefore(long)}; {@code estimate} says whether the estimator takes what
     * leaves the window now (it may take only some chunks: it needs far fewer intervals than a
     * large recording has, and each costs time).
     */
    void forgetBefore(long horizon, boolean estimate) {
        handOverBefore(horizon, estimate, false);
        while (unclaimedCount > 0 && timeOf(unclaimed[unclaimedHead]) < horizon) {
            long seq = unclaimed[unclaimedHead++];
            unclaimedCount--;
            int i = position(seq);
            listener.sample(SweepListener.OUTSIDE_SCOPES, keys[i], weights[i]);
        }
        if (unclaimedCount == 0) {
            unclaimedHead = 0;
        }
        closed.forgetStartedBefore(horizon);
        int drop = 0;
        while (drop < count - 1 && times[drop + 1] < horizon) {
            drop++;
        }
        if (horizon == Long.MAX_VALUE) {
            drop = count;
        }
        if (drop > 0) {
            checkpoint(times[drop - 1], cumulative[drop - 1]);
            int kept = count - drop;
            System.arraycopy(times, drop, times, 0, kept);
            System.arraycopy(cumulative, drop, cumulative, 0, kept);
            System.arraycopy(weights, drop, weights, 0, kept);
            System.arraycopy(keys, drop, keys, 0, kept);
            count = kept;
            firstSeq += drop;
        }
    }

    /**
     * Hands the estimator, in time order, the samples and scope boundaries before {@code horizon}.
     * A scope that settles after its start was handed over (it spans more than the window) is left
     * out of the estimate. {@code midChunk}: the thread's boundaries reached {@link #HAND_OVER_AT}
     * and will again, so their room is kept.
     */
    private void handOverBefore(long horizon, boolean estimate, boolean midChunk) {
        if (estimator == null) {
            return;
        }
        // Each list is in hand-over order already: the ones before the horizon come first.
        int dueEnds = boundaries.endsBefore(horizon);
        int dueStarts = boundaries.startsBefore(horizon);
        long firstDueSeq = Math.max(handedOverSeq, firstSeq);
        long endSeq = firstDueSeq;
        while (endSeq < nextSeq && timeOf(endSeq) < horizon) {
            endSeq++;
        }
        if (abandoned) {
            handedOverUpTo = Math.max(handedOverUpTo, abandonedUpTo);
            abandoned = false;
            estimate = false;
        }
        if (estimate) {
            if (timeline == null) {
                timeline = new SpanTimeline(estimator);
            }
            // Merged in time order; at one time, ends before samples before starts. Each list's
            // next time is kept at hand: this runs for every boundary of millions of scopes.
            long seq = firstDueSeq;
            int end = 0;
            int start = 0;
            long endTime = end < dueEnds ? boundaries.endTime(end) : 0;
            long startTime = start < dueStarts ? boundaries.startTime(start) : 0;
            long sampleTime = seq < endSeq ? times[position(seq)] : 0;
            while (end < dueEnds || start < dueStarts || seq < endSeq) {
                long time;
                if (end < dueEnds && (start == dueStarts || endTime <= startTime) && (seq == endSeq || endTime <= sampleTime)) {
                    time = endTime;
                    timeline.exit(time);
                    if (++end < dueEnds) {
                        endTime = boundaries.endTime(end);
                    }
                } else if (seq < endSeq && (start == dueStarts || sampleTime <= startTime)) {
                    time = sampleTime;
                    timeline.sample(time, weights[position(seq)]);
                    if (++seq < endSeq) {
                        sampleTime = times[position(seq)];
                    }
                } else {
                    time = startTime;
                    timeline.enter(boundaries.startName(start), time);
                    if (++start < dueStarts) {
                        startTime = boundaries.startTime(start);
                    }
                }
                handedOverUpTo = Math.max(handedOverUpTo, time);
            }
        } else {
            // Not this part: the next part starts a timeline of its own (its first sample only starts it).
            timeline = null;
            if (dueEnds > 0) {
                handedOverUpTo = Math.max(handedOverUpTo, boundaries.endTime(dueEnds - 1));
            }
            if (dueStarts > 0) {
                handedOverUpTo = Math.max(handedOverUpTo, boundaries.startTime(dueStarts - 1));
            }
        }
        handedOverSeq = Math.max(handedOverSeq, endSeq);
        budget.giveBack(midChunk ? boundaries.dropBeforeKeepingRoom(horizon) : boundaries.dropBefore(horizon));
    }

    /** Drops the boundaries kept for the estimator: this part is left out of the estimate. */
    private void abandonEstimateUpTo(long end) {
        if (!abandoned) {
            abandoned = true;
            budget.giveBack(boundaries.clear());
        }
        abandonedUpTo = Math.max(abandonedUpTo, end);
    }

    /** Puts a sample on the curve; returns its sequence number. */
    private long addSample(long time, long weight, int key) {
        if (count == times.length) {
            int grown = count * 2;
            times = Arrays.copyOf(times, grown);
            cumulative = Arrays.copyOf(cumulative, grown);
            weights = Arrays.copyOf(weights, grown);
            keys = Arrays.copyOf(keys, grown);
        }
        // The first sample of a thread that was already running when seen: its weight covers an
        // unknown stretch before, so the curve starts at it.
        if (nextSeq > 0 || originKnown) {
            total += weight;
        }
        times[count] = time;
        cumulative[count] = total;
        weights[count] = weight;
        keys[count] = key;
        count++;
        return nextSeq++;
    }

    private void addUnclaimed(long seq) {
        if (unclaimedHead + unclaimedCount == unclaimed.length) {
            if (unclaimedHead > 0) {
                System.arraycopy(unclaimed, unclaimedHead, unclaimed, 0, unclaimedCount);
                unclaimedHead = 0;
            }
            if (unclaimedCount == unclaimed.length) {
                unclaimed = Arrays.copyOf(unclaimed, unclaimed.length * 2);
            }
        }
        unclaimed[unclaimedHead + unclaimedCount++] = seq;
    }

    private void settle(Waiting scope, PauseTimeline pauses) {
        settle(scope.nameId, scope.start, scope.end, scope.size, scope.payload, scope.allocated, scope.retained,
                pauses);
    }

    /** Settles a scope; {@code start <= end}, which its searches rely on. */
    private void settle(int nameId, long start, long end, long size, long payload, long allocated, long retained,
                        PauseTimeline pauses) {
        // Four searches of the samples, each done once: a start is searched back from its end,
        // and most scopes are short, so that search takes a step or two.
        int endAfter = firstAfter(end, count);
        int endAtOrAfter = firstOfTies(endAfter, end);
        int startAfter = firstAfter(start, endAfter);
        int startAtOrAfter = firstOfTies(startAfter, start);
        // Not Math.max: for doubles it minds NaN and -0.0 (neither can arise here), and C1 calls it.
        double rise = startAfter == endAfter && endAfter > 0 && endAfter < count
                ? riseWithin(start, end, endAfter, pauses) // most short scopes: no sample inside
                : at(end, endAfter, pauses) - at(start, startAfter, pauses);
        double inclusive = rise > 0 ? rise : 0;
        long low = provenAtLeast(startAtOrAfter, endAfter);
        long high = provenAtMost(start, startAtOrAfter, endAtOrAfter);

        long ownWeight = 0;
        int ownSamples = 0;
        while (unclaimedCount > 0 && timeOf(unclaimed[unclaimedHead + unclaimedCount - 1]) >= start) {
            long seq = unclaimed[unclaimedHead + --unclaimedCount];
            int i = position(seq);
            if (times[i] > end) { // cannot happen: the scope is settled before later samples arrive
                unclaimedCount++;
                break;
            }
            ownWeight += weights[i];
            ownSamples++;
            listener.sample(nameId, keys[i], weights[i]);
        }
        ClosedScopes.Children children = closed.takeStartedFrom(start);
        double ownRise = inclusive - children.inclusiveBytes();
        double exclusive = ownRise > 0 ? ownRise : 0;
        long inclusiveWeight = ownWeight + children.inclusiveWeight();
        closed.add(start, inclusive, inclusiveWeight, low, high);
        // Its own bytes (nested scopes excluded) are its bytes less its children's, so the bounds
        // subtract the children's opposite bounds.
        long exclusiveLow = children.high() < 0 ? 0 : Math.max(0, low - children.high());
        long exclusiveHigh = high < 0 ? FinishedScope.UNKNOWN : Math.max(0, high - children.low());
        if (estimator != null && (collectBoundaries || abandoned) && start >= handedOverUpTo) {
            if (abandoned || !budget.take(2)) {
                abandonEstimateUpTo(end);
            } else {
                boundaries.add(start, end, nameId);
            }
        }
        if (listener.wantsScope()) {
            listener.scope(new FinishedScope(nameId, threadName, start, end, size, payload,
                    allocated, retained, Math.round(exclusive), Math.round(inclusive), exclusiveLow,
                    exclusiveHigh, low, high, ownSamples, ownWeight, inclusiveWeight, children.count() > 0));
        } else {
            listener.counted(nameId, size, allocated, inclusiveWeight, Math.round(exclusive), exclusiveLow,
                    exclusiveHigh, children.count() > 0);
        }
    }

    /** The estimated cumulative bytes at {@code time}: exact at samples, linear between them over running time. */
    double at(long time, PauseTimeline pauses) {
        return at(time, firstAfter(time, count), pauses);
    }

    /** {@link #at(long, PauseTimeline)}, given the first sample after {@code time}. */
    private double at(long time, int next, PauseTimeline pauses) {
        if (next > 0) {
            return next == count
                    ? cumulative[count - 1] // nothing known after the last sample
                    : between(time, times[next - 1], cumulative[next - 1], times[next], cumulative[next], pauses);
        }
        // Before the window: between the kept points, then up to the window's first sample.
        int point = lastCheckpointAtOrBefore(time);
        if (point < 0) {
            // Before anything known: the first known point's value (0 at a known thread start).
            return checkpoints > 0 ? checkpointValues[0] : count > 0 ? cumulative[0] : total;
        }
        if (point + 1 < checkpoints) {
            return between(time, checkpointTimes[point], checkpointValues[point], checkpointTimes[point + 1],
                    checkpointValues[point + 1], pauses);
        }
        return count == 0 ? checkpointValues[point]
                : between(time, checkpointTimes[point], checkpointValues[point], times[0], cumulative[0], pauses);
    }

    /**
     * {@code at(end) - at(start)} for a scope that lies between the samples {@code next - 1} and
     * {@code next}, the interval's pause question asked once rather than once per end.
     */
    private double riseWithin(long start, long end, int next, PauseTimeline pauses) {
        long beforeTime = times[next - 1];
        long afterTime = times[next];
        long beforeValue = cumulative[next - 1];
        long afterValue = cumulative[next];
        if (beforeTime <= start && end <= afterTime && pauses.noPauseBetween(beforeTime, afterTime)) {
            long interval = afterTime - beforeTime;
            return interpolated(beforeValue, afterValue, end - beforeTime, interval)
                    - interpolated(beforeValue, afterValue, start - beforeTime, interval);
        }
        return between(end, beforeTime, beforeValue, afterTime, afterValue, pauses)
                - between(start, beforeTime, beforeValue, afterTime, afterValue, pauses);
    }

    private static double between(long time, long beforeTime, long beforeValue, long afterTime, long afterValue,
                                  PauseTimeline pauses) {
        if (beforeTime <= time && time <= afterTime && pauses.noPauseBetween(beforeTime, afterTime)) {
            // Most intervals hold no pause: the same differences, without three look-ups.
            return interpolated(beforeValue, afterValue, time - beforeTime, afterTime - beforeTime);
        }
        long runningBefore = pauses.runningTime(beforeTime);
        return interpolated(beforeValue, afterValue, pauses.runningTime(time) - runningBefore,
                pauses.runningTime(afterTime) - runningBefore);
    }

    /** The cumulative bytes {@code elapsed} into an interval of {@code interval} running time. */
    private static double interpolated(long beforeValue, long afterValue, long elapsed, long interval) {
        if (interval <= 0) {
            return beforeValue;
        }
        return beforeValue + (afterValue - beforeValue) * (double) elapsed / interval;
    }

    /**
     * Rise from the first sample at or after the start to the last at or before the end; 0
     * without one inside. Of several samples at one time, the last: their weights may all be
     * bytes of that moment.
     *
     * @param startAtOrAfter the first sample at or after the start
     * @param endAfter       the first sample after the end
     */
    private long provenAtLeast(int startAtOrAfter, int endAfter) {
        int first = lastOfTies(startAtOrAfter);
        int last = endAfter - 1;
        return first < count && first <= last ? cumulative[last] - cumulative[first] : 0;
    }

    /**
     * Rise from the last point before the start to the first sample at or after the end (the
     * last of those at its time); unknown without either.
     *
     * @param startAtOrAfter the first sample at or after the start
     * @param endAtOrAfter   the first sample at or after the end
     */
    private long provenAtMost(long start, int startAtOrAfter, int endAtOrAfter) {
        if (endAtOrAfter == count) {
            return FinishedScope.UNKNOWN;
        }
        int after = lastOfTies(endAtOrAfter);
        int before = startAtOrAfter - 1;
        long beforeValue;
        if (before >= 0) {
            beforeValue = cumulative[before];
        } else {
            int point = lastCheckpointBefore(start);
            if (point < 0 && originKnown && checkpointTimes[0] <= start) {
                point = 0; // nothing is allocated before the thread starts
            }
            if (point < 0) {
                return FinishedScope.UNKNOWN;
            }
            beforeValue = checkpointValues[point];
        }
        return cumulative[after] - beforeValue;
    }

    /** The first sample at or after {@code time}, given the first after it. */
    private int firstOfTies(int after, long time) {
        while (after > 0 && times[after - 1] == time) {
            after--;
        }
        return after;
    }

    private int lastOfTies(int index) {
        while (index + 1 < count && times[index + 1] == times[index]) {
            index++;
        }
        return index;
    }

    /**
     * The first sample after {@code time}; {@code count} when none.
     *
     * @param limit {@code count}, or a sample after {@code time}
     */
    private int firstAfter(long time, int limit) {
        int high = limit;
        int probe = high - 1;
        // A scope settles as soon as the first sample after its end arrives: its times are
        // usually among the last few samples, so search back from the end, doubling the step.
        for (int step = 1; probe >= 0 && times[probe] > time; step <<= 1) {
            high = probe;
            probe = high - step;
        }
        int low = Math.max(0, probe + 1);
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int lastCheckpointBefore(long time) {
        for (int i = checkpoints - 1; i >= 0; i--) {
            if (checkpointTimes[i] < time) {
                return i;
            }
        }
        return -1;
    }

    private int lastCheckpointAtOrBefore(long time) {
        for (int i = checkpoints - 1; i >= 0; i--) {
            if (checkpointTimes[i] <= time) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps a point; when full, every other older point goes (bounds from the rest stay true). */
    private void checkpoint(long time, long value) {
        if (checkpoints == MAX_CHECKPOINTS) {
            int kept = 0;
            for (int i = 0; i < checkpoints; i++) {
                if (i % 2 == 0 || i == checkpoints - 1) {
                    checkpointTimes[kept] = checkpointTimes[i];
                    checkpointValues[kept] = checkpointValues[i];
                    kept++;
                }
            }
            checkpoints = kept;
        }
        if (checkpoints == checkpointTimes.length) {
            checkpointTimes = Arrays.copyOf(checkpointTimes, checkpoints * 2);
            checkpointValues = Arrays.copyOf(checkpointValues, checkpoints * 2);
        }
        checkpointTimes[checkpoints] = time;
        checkpointValues[checkpoints] = value;
        checkpoints++;
    }

    private int position(long seq) {
        return (int) (seq - firstSeq);
    }

    private long timeOf(long seq) {
        return times[position(seq)];
    }
}

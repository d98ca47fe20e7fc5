package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * Turns one thread's scope starts, ends and allocation samples, in time order, into spans for the
 * {@link CallCountEstimator}: runs of consecutive samples holding at least {@value #CALLS_PER_SPAN}
 * call ends, with their summed weights and their calls per name.
 *
 * <p>Why spans of many calls rather than single sample intervals: a sample's weight is exact only
 * up to the thread's current TLAB (a sample at an allocation outside it leaves the TLAB's used
 * bytes to the next sample), and the call a sample lands in is picked by its bytes. Both errors sit
 * at a span's edges; over tens of calls they are a small part of the weight, over one interval of
 * an unthrottled recording they are most of it.
 *
 * <p>A call counts 1 in the span it lies in; a call across a span's edge counts in each span the
 * share of its running time (start to end, nested scopes included) that lies in it. Outside every
 * scope the measure is time, not calls: the stretches between scopes are as many as the calls,
 * and counted they could not be told apart from them. The thread's first
 * sample only starts the first span: its weight covers an unknown stretch before.
 */
final class SpanTimeline {

    static final int CALLS_PER_SPAN = 256;
    /** Closed spans kept for calls still open; past this the oldest go without them. */
    private static final int MAX_PENDING_SPANS = 1024;
    private static final long NONE = Long.MIN_VALUE;

    private final CallCountEstimator estimator;
    // The spans not handed over yet, oldest first, in a ring: walked newest first at every call's
    // end, by index (an iterator each time was an object per call).
    private Span[] spans = new Span[16];
    private int oldest;
    private int spanCount;
    // The calls open now, outermost first: a name id and a start each (no object per call).
    private int[] openNames = new int[8];
    private long[] openStarts = new long[8];
    private int open;
    private long outsideSince = NONE;
    private boolean started;

    SpanTimeline(CallCountEstimator estimator) {
        this.estimator = estimator;
    }

    /** A run of samples: from {@code begin} to {@code end} (open while it is the newest). */
    private static final class Span {
        final long begin;
        long end = Long.MAX_VALUE;
        long weight;
        int callEnds;
        int[] names = new int[4];
        double[] calls = new double[4];
        int size;

        Span(long begin) {
            this.begin = begin;
        }

        void addCall(int nameId, double share) {
            for (int i = 0; i < size; i++) {
                if (names[i] == nameId) {
                    calls[i] += share;
                    return;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, 2 * size);
                calls = Arrays.copyOf(calls, 2 * size);
            }
            names[size] = nameId;
            calls[size++] = share;
        }
    }

    void enter(int nameId, long time) {
        if (open == 0) {
            spreadOutsideTime(outsideSince, time);
            outsideSince = NONE;
        }
        if (open == openNames.length) {
            openNames = Arrays.copyOf(openNames, 2 * open);
            openStarts = Arrays.copyOf(openStarts, 2 * open);
        }
        openNames[open] = nameId;
        openStarts[open++] = time;
    }

    void exit(long time) {
        if (open == 0) {
            return; // an end whose start was never handed over
        }
        open--;
        endCall(openNames[open], openStarts[open], time);
        if (open == 0) {
            outsideSince = time;
        }
        handOverSettled();
    }

    void sample(long time, long weight) {
        if (!started) {
            started = true;
            addSpan(new Span(time));
            if (open == 0) {
                outsideSince = time;
            }
            return;
        }
        Span current = newest();
        current.weight += weight;
        estimator.addLanding(time, open == 0 ? CallCountEstimator.OUTSIDE : openNames[open - 1], weight);
        if (current.callEnds >= CALLS_PER_SPAN) {
            current.end = time;
            addSpan(new Span(time));
            handOverSettled();
        }
    }

    /** Adds the seconds of a stretch outside every scope to the spans it overlaps. */
    private void spreadOutsideTime(long start, long end) {
        if (!started || start == NONE) {
            return;
        }
        for (int age = 0; age < spanCount; age++) {
            Span span = newest(age);
            long overlap = Math.min(end, span.end) - Math.max(start, span.begin);
            if (overlap > 0) {
                span.addCall(CallCountEstimator.OUTSIDE, overlap * 1e-9);
            }
            if (span.begin <= start) {
                break;
            }
        }
    }

    /** Shares a call out over the spans its running time overlaps; it ends in the newest. */
    private void endCall(int nameId, long start, long end) {
        if (!started || start == NONE) {
            return;
        }
        newest().callEnds++;
        long duration = end - start;
        if (duration <= 0) {
            newest().addCall(nameId, 1);
            return;
        }
        for (int age = 0; age < spanCount; age++) {
            Span span = newest(age);
            long overlap = Math.min(end, span.end) - Math.max(start, span.begin);
            if (overlap > 0) {
                span.addCall(nameId, overlap / (double) duration);
            }
            if (span.begin <= start) {
                break;
            }
        }
    }

    /** Hands over the closed spans that no open call or stretch overlaps. */
    private void handOverSettled() {
        long oldestOpen = open == 0 ? outsideSince : openStarts[0];
        while (spanCount > 1) {
            Span first = spans[oldest];
            boolean settled = oldestOpen == NONE || oldestOpen >= first.end;
            if (!settled && spanCount <= MAX_PENDING_SPANS) {
                return;
            }
            spans[oldest] = null;
            oldest = (oldest + 1) & (spans.length - 1);
            spanCount--;
            estimator.addSpan(first.end, first.weight, first.names, first.calls, first.size);
        }
    }

    private void addSpan(Span span) {
        if (spanCount == spans.length) {
            Span[] grown = new Span[2 * spans.length];
            for (int i = 0; i < spanCount; i++) {
                grown[i] = spans[(oldest + i) & (spans.length - 1)];
            }
            spans = grown;
            oldest = 0;
        }
        spans[(oldest + spanCount++) & (spans.length - 1)] = span;
    }

    private Span newest() {
        return newest(0);
    }

    /** The span {@code age} places before the newest. */
    private Span newest(int age) {
        return spans[(oldest + spanCount - 1 - age) & (spans.length - 1)];
    }
}

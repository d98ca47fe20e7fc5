package io.allocrec.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running count behind {@code top}: scope calls and allocation samples as they arrive from the
 * JVM, kept per scope name in one-second slots for the last {@code window} seconds and a little
 * more. Called from the event stream's one thread only.
 *
 * <p>Memory is bounded whatever the JVM does: names not seen for longer than the ring are dropped,
 * at most {@value #MAX_NAMES} names are kept apart (the rest are counted as {@value #OTHER_NAMES}),
 * and each thread keeps at most {@link PendingSamples#CAPACITY} unclaimed samples for at most
 * {@value #SAMPLE_HORIZON_SECONDS} s.
 */
final class LiveTally {

    static final int MAX_NAMES = 10_000;
    static final String OTHER_NAMES = "(other names)";
    /** A sample no scope claimed within this long was taken outside every scope (or in a scope longer than this). */
    static final int SAMPLE_HORIZON_SECONDS = 60;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int slots;
    private final Map<String, NameSlots> names = new HashMap<>();
    private final Map<Long, PendingSamples> pendingByThread = new HashMap<>();
    /** All samples of the JVM, in or out of scopes: a name that is not a scope. */
    private final NameSlots allSamples;
    private long startSecond = Long.MIN_VALUE;
    private long newestNanos = Long.MIN_VALUE;

    LiveTally(int windowSeconds) {
        this.slots = windowSeconds + 3;
        this.allSamples = new NameSlots(slots);
    }

    /** The first whole second the stream can see entirely: counting starts there. */
    void startAt(long epochNanos) {
        startSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + 1;
    }

    /** A scope call that ran on {@code thread} from {@code startNanos} to {@code endNanos} (epoch nanoseconds). */
    void scope(String name, long thread, long startNanos, long endNanos, long exactBytes) {
        advance(endNanos);
        long second = Math.floorDiv(endNanos, NANOS_PER_SECOND);
        NameSlots slotsOfName = slotsOf(name);
        slotsOfName.call(second, exactBytes);
        PendingSamples pending = pendingByThread.get(thread);
        if (pending != null) {
            PendingSamples.Claim claim = pending.claim(startNanos);
            if (claim.samples() > 0) {
                slotsOfName.sampled(second, claim.weight(), claim.samples());
            }
        }
    }

    /** An allocation sample of {@code weight} bytes taken on {@code thread} at {@code timeNanos}. */
    void sample(long thread, long timeNanos, long weight) {
        advance(timeNanos);
        allSamples.sampled(Math.floorDiv(timeNanos, NANOS_PER_SECOND), weight, 1);
        pendingByThread.computeIfAbsent(thread, t -> new PendingSamples()).add(timeNanos, weight);
    }

    /** Whole seconds seen entirely so far, up to {@code window}. */
    long completeSeconds(int window) {
        return startSecond == Long.MIN_VALUE || newestNanos == Long.MIN_VALUE ? 0
                : Math.max(0, Math.min(window, currentSecond() - startSecond));
    }

    /**
     * The figures of the last {@code window} whole seconds the stream has seen entirely (fewer at
     * the start), every name that had a call in them; null when not one second is complete yet.
     */
    Window window(int window) {
        long seconds = completeSeconds(window);
        if (seconds == 0) {
            return null;
        }
        long to = currentSecond();
        long from = to - seconds;
        List<ScopeRate> rates = new ArrayList<>();
        for (Map.Entry<String, NameSlots> entry : names.entrySet()) {
            ScopeRate rate = entry.getValue().window(entry.getKey(), from, to);
            if (rate.calls() > 0) {
                rates.add(rate);
            }
        }
        ScopeRate jvm = allSamples.window("", from, to);
        return new Window(from, to, rates, jvm.sampledWeight(), jvm.samples());
    }

    /** Drops what can no longer reach a window: samples past the horizon, names unseen for the whole ring. */
    void forgetOld() {
        if (newestNanos == Long.MIN_VALUE) {
            return;
        }
        long oldestSample = newestNanos - SAMPLE_HORIZON_SECONDS * NANOS_PER_SECOND;
        for (Iterator<PendingSamples> it = pendingByThread.values().iterator(); it.hasNext(); ) {
            PendingSamples pending = it.next();
            pending.dropBefore(oldestSample);
            if (pending.isEmpty()) {
                it.remove();
            }
        }
        long oldestSecond = currentSecond() - slots;
        names.values().removeIf(name -> name.newestSecond() < oldestSecond);
    }

    /** The second the newest event fell in: not complete yet, later events may still fall in it. */
    private long currentSecond() {
        return Math.floorDiv(newestNanos, NANOS_PER_SECOND);
    }

    private void advance(long nanos) {
        newestNanos = Math.max(newestNanos, nanos);
    }

    private NameSlots slotsOf(String name) {
        NameSlots found = names.get(name);
        if (found != null) {
            return found;
        }
        String kept = names.size() < MAX_NAMES ? name : OTHER_NAMES;
        return names.computeIfAbsent(kept, k -> new NameSlots(slots));
    }

    /**
     * Figures over whole seconds {@code [fromSecond, toSecond)} (epoch seconds).
     *
     * @param jvmSampledWeight the weight of every allocation sample of the JVM in the window
     * @param jvmSamples       how many samples that is
     */
    record Window(long fromSecond, long toSecond, List<ScopeRate> scopes, long jvmSampledWeight, long jvmSamples) {
        long seconds() {
            return toSecond - fromSecond;
        }
    }
}

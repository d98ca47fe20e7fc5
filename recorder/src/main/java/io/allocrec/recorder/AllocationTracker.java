package io.allocrec.recorder;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a piece of code, keeps its result alive until its footprint is measured, then releases
 * it: the JVM counterpart of {@code run_and_track} in "Measuring the overhead of HashMaps in
 * Rust". One {@code allocrec.Scenario} event is committed with both figures.
 *
 * <pre>{@code
 * Measurement m = AllocationTracker.scenario("hashmap")
 *         .size(n)
 *         .payloadBytes(n * 108L)
 *         .liveCopies(50)
 *         .run(() -> buildMap(n));
 * }</pre>
 *
 * <p><b>Allocated</b> bytes are exact, for the first run only (the event's time range).
 * <b>Retained</b> bytes are the growth of the live heap, read after full collections, while the
 * results of {@code liveCopies} runs are all reachable, divided by the number of copies. Several
 * copies shrink the heap reading's noise (a few hundred bytes of JVM-internal activity) per copy,
 * which matters for small results; the whole retained measurement is repeated until two agree.
 * The body must build a fresh result each time and must not
 * keep references to it elsewhere. The live heap reading calls {@link System#gc()}: this is for
 * benchmarks and tests, not for request paths (use {@link AllocationScope} there).
 */
public final class AllocationTracker {

    private static final int MAX_ATTEMPTS = 4;

    private final String name;
    private long size;
    private long payloadBytes;
    private int liveCopies = 1;
    private Supplier<?> guard;

    private AllocationTracker(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Starts describing a scenario.
     *
     * @param name the scenario's name, as the event records it
     * @return a tracker to configure and {@link #run}
     */
    public static AllocationTracker scenario(String name) {
        return new AllocationTracker(name);
    }

    /**
     * The number of elements the scenario builds.
     *
     * @param elements the element count, or 0
     * @return this tracker
     */
    public AllocationTracker size(long elements) {
        this.size = elements;
        return this;
    }

    /**
     * Raw bytes of the data the result holds, without container overhead.
     *
     * @param bytes the payload's size in bytes
     * @return this tracker
     */
    public AllocationTracker payloadBytes(long bytes) {
        this.payloadBytes = bytes;
        return this;
    }

    /**
     * How many results to keep alive together when measuring the retained size (default 1).
     *
     * @param copies at least 1
     * @return this tracker
     */
    public AllocationTracker liveCopies(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("liveCopies must be at least 1: " + copies);
        }
        this.liveCopies = copies;
        return this;
    }

    /**
     * Runs {@code guard} right before and right after the scenario's event, discarding what it
     * returns. Allocation samples are taken once per TLAB, and the sample that straddles an edge
     * of the event is split by time; surrounding the event with code that allocates the way the
     * body does (a smaller run of the same scenario, say) makes that split fair, so the sampled
     * figure of the event is as good as the samples allow.
     *
     * @param guard code allocating the way the body does
     * @return this tracker
     */
    public AllocationTracker surroundedBy(Supplier<?> guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        return this;
    }

    /**
     * Runs {@code body} {@code liveCopies} times, the first inside the scenario's event, measures,
     * commits the event and releases the results.
     *
     * @param body builds a fresh result each time it is called
     * @return the exact allocated and the retained bytes of one run
     */
    public Measurement run(Supplier<?> body) {
        Object[] results = new Object[liveCopies];
        ScenarioEvent event = new ScenarioEvent();
        long liveBefore = LiveHeap.afterFullCollection();

        runGuard();
        event.begin();
        long allocatedAtBegin = ThreadAllocatedBytes.current();
        results[0] = body.get();
        long allocatedAtEnd = ThreadAllocatedBytes.current();
        event.end();
        runGuard();

        for (int i = 1; i < liveCopies; i++) {
            results[i] = body.get();
        }
        long liveAfter = LiveHeap.afterFullCollection();
        Reference.reachabilityFence(results);
        long retained = confirmed(perCopy(liveAfter - liveBefore), body, results);

        long allocated = ThreadAllocatedBytes.between(allocatedAtBegin, allocatedAtEnd);
        if (event.shouldCommit()) {
            event.name = name;
            event.size = size;
            event.payloadBytes = payloadBytes;
            event.allocatedBytes = allocated;
            event.retainedBytes = retained;
            event.commit();
        }
        return new Measurement(allocated, retained, liveCopies);
    }

    /**
     * Now and then a reading includes a few hundred kilobytes that are not the body's: objects
     * some JVM thread (JFR's own, for one) held at the moment of the collection. So the
     * measurement is repeated until two agree, and the agreeing value is kept (at most
     * {@link #MAX_ATTEMPTS}; then the median).
     */
    private long confirmed(long first, Supplier<?> body, Object[] results) {
        long[] estimates = new long[MAX_ATTEMPTS];
        estimates[0] = first;
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            Arrays.fill(results, null);
            long before = LiveHeap.afterFullCollection();
            for (int i = 0; i < results.length; i++) {
                results[i] = body.get();
            }
            long after = LiveHeap.afterFullCollection();
            Reference.reachabilityFence(results);
            estimates[attempt] = perCopy(after - before);
            for (int earlier = 0; earlier < attempt; earlier++) {
                if (agree(estimates[earlier], estimates[attempt])) {
                    return Math.min(estimates[earlier], estimates[attempt]);
                }
            }
        }
        Arrays.sort(estimates);
        return estimates[MAX_ATTEMPTS / 2];
    }

    private void runGuard() {
        if (guard != null) {
            Reference.reachabilityFence(guard.get());
        }
    }

    private long perCopy(long bytes) {
        return Math.round(bytes / (double) liveCopies);
    }

    /** Two per-copy readings agree when within 0.05% of each other, or 1 byte for tiny results. */
    private static boolean agree(long a, long b) {
        return Math.abs(a - b) <= Math.max(1, Math.max(Math.abs(a), Math.abs(b)) / 2000);
    }
}

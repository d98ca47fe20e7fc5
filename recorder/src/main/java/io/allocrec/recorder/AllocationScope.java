package io.allocrec.recorder;

/**
 * A region of code whose allocations are recorded as one {@code allocrec.Scenario} JFR event.
 * Use it with try-with-resources around the code to measure:
 *
 * <pre>{@code
 * try (AllocationScope scope = AllocationScope.open("GET /orders")) {
 *     handle(request);
 * }
 * }</pre>
 *
 * <p>The event records the exact bytes the current thread allocated inside the scope. Allocation
 * samples ({@code jdk.ObjectAllocationSample}) taken on this thread while the scope is open are
 * attributed to it by {@code allocrec report}; nested scopes each get their own event, and a
 * sample goes to the innermost one. The scope records even when the body throws.
 *
 * <p>When JFR is not recording {@code allocrec.Scenario}, {@link #open} returns a shared
 * do-nothing scope: no clock is read and nothing is allocated. {@link #measure} always measures,
 * for a test that asserts on what a code path allocates without a recording:
 *
 * <pre>{@code
 * AllocationScope scope = AllocationScope.measure("parse");
 * try (scope) {
 *     parser.parse(input);
 * }
 * assertTrue(scope.allocatedBytes() < 64 * 1024);
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it. Closed on another thread, it cannot know what
 * the opening thread allocated: it then records the figure as unknown (-1) instead of a wrong
 * one. JFR files the event under the thread that closed it.
 */
public final class AllocationScope implements AutoCloseable {

    /** What {@link #allocatedBytes()} returns when there is no exact figure. */
    public static final long UNKNOWN = ScenarioEvent.UNKNOWN;

    private static final AllocationScope DISABLED = new AllocationScope(null, null, UNKNOWN);

    /** Null when JFR is not recording the event. */
    private final ScenarioEvent event;
    /** Null only for the shared do-nothing scope. */
    private final Thread owner;
    private final long allocatedAtBegin;
    private long allocatedBytes = UNKNOWN;
    private boolean closed;

    private AllocationScope(ScenarioEvent event, Thread owner, long allocatedAtBegin) {
        this.event = event;
        this.owner = owner;
        this.allocatedAtBegin = allocatedAtBegin;
    }

    /**
     * Opens a scope with no size.
     *
     * @param name what the scope measures, for example a request's endpoint
     * @return the open scope; a shared do-nothing one when JFR is not recording the event
     */
    public static AllocationScope open(String name) {
        return open(name, 0);
    }

    /**
     * Opens a scope.
     *
     * @param name what the scope measures, for example a request's endpoint
     * @param size the number of elements it handles, or 0
     * @return the open scope; a shared do-nothing one when JFR is not recording the event
     */
    public static AllocationScope open(String name, long size) {
        ScenarioEvent event = new ScenarioEvent();
        if (!event.isEnabled()) {
            return DISABLED;
        }
        return begin(event, name, size);
    }

    /**
     * Opens a scope that measures its exact allocated bytes whether or not JFR is recording, and
     * records the event too when it is. Costs two reads of the thread's allocation counter.
     *
     * @param name what the scope measures
     * @return the open scope
     */
    public static AllocationScope measure(String name) {
        return measure(name, 0);
    }

    /**
     * As {@link #measure(String)}, with a size.
     *
     * @param name what the scope measures
     * @param size the number of elements it handles, or 0
     * @return the open scope
     */
    public static AllocationScope measure(String name, long size) {
        ScenarioEvent event = new ScenarioEvent();
        return begin(event.isEnabled() ? event : null, name, size);
    }

    private static AllocationScope begin(ScenarioEvent event, String name, long size) {
        if (event != null) {
            event.name = name;
            event.size = size;
            event.begin();
        }
        // Read the counter last so the scope's own bookkeeping is not counted.
        return new AllocationScope(event, Thread.currentThread(), ThreadAllocatedBytes.current());
    }

    /**
     * Whether this scope records an event.
     *
     * @return false when JFR was not recording {@code allocrec.Scenario} when it opened
     */
    public boolean isRecording() {
        return event != null;
    }

    /**
     * Sets the raw bytes of the data this scope holds, without container overhead.
     *
     * @param bytes the payload's size in bytes
     * @return this scope
     */
    public AllocationScope payloadBytes(long bytes) {
        if (event != null) {
            event.payloadBytes = bytes;
        }
        return this;
    }

    /**
     * The exact bytes the opening thread allocated between open and close, nested scopes
     * included.
     *
     * @return the bytes, or {@link #UNKNOWN} (-1): before {@link #close()}, for the do-nothing
     *         scope of {@link #open} when JFR was not recording, on a virtual thread (the JVM
     *         cannot count its bytes), or when the scope was closed on another thread
     */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Ends the scope and commits its event, if it records one. Closing twice commits once. */
    @Override
    public void close() {
        if (owner == null || closed) {
            return;
        }
        closed = true;
        // Read the counter first so the commit's own bookkeeping is not counted. Another
        // thread's counter would give a meaningless difference: unknown instead.
        long allocatedAtEnd = Thread.currentThread() == owner ? ThreadAllocatedBytes.current() : UNKNOWN;
        allocatedBytes = ThreadAllocatedBytes.between(allocatedAtBegin, allocatedAtEnd);
        if (event != null) {
            event.end();
            event.allocatedBytes = allocatedBytes;
            if (event.shouldCommit()) {
                event.commit();
            }
        }
    }
}

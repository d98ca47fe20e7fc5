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
 * do-nothing scope: no clock is read and nothing is allocated. A scope belongs to the thread
 * that opened it and must be closed on that thread.
 */
public final class AllocationScope implements AutoCloseable {

    private static final AllocationScope DISABLED = new AllocationScope(null, ScenarioEvent.UNKNOWN);

    private final ScenarioEvent event;
    private final long allocatedAtBegin;
    private boolean closed;

    private AllocationScope(ScenarioEvent event, long allocatedAtBegin) {
        this.event = event;
        this.allocatedAtBegin = allocatedAtBegin;
    }

    /** Opens a scope with no size. */
    public static AllocationScope open(String name) {
        return open(name, 0);
    }

    /**
     * Opens a scope.
     *
     * @param name what the scope measures, for example a request's endpoint
     * @param size the number of elements it handles, or 0
     */
    public static AllocationScope open(String name, long size) {
        ScenarioEvent event = new ScenarioEvent();
        if (!event.isEnabled()) {
            return DISABLED;
        }
        event.name = name;
        event.size = size;
        event.begin();
        // Read the counter last so the scope's own bookkeeping is not counted.
        return new AllocationScope(event, ThreadAllocatedBytes.current());
    }

    /** Whether this scope records anything; false when JFR is not recording the event. */
    public boolean isRecording() {
        return event != null;
    }

    /** Sets the raw bytes of the data this scope holds, without container overhead. */
    public AllocationScope payloadBytes(long bytes) {
        if (event != null) {
            event.payloadBytes = bytes;
        }
        return this;
    }

    /** Ends the scope and commits its event. Closing twice commits once. */
    @Override
    public void close() {
        if (event == null || closed) {
            return;
        }
        closed = true;
        // Read the counter first so the commit's own bookkeeping is not counted.
        long allocatedAtEnd = ThreadAllocatedBytes.current();
        event.end();
        event.allocatedBytes = ThreadAllocatedBytes.between(allocatedAtBegin, allocatedAtEnd);
        if (event.shouldCommit()) {
            event.commit();
        }
    }
}

package io.allocrec.analyzer.load;

import java.util.Comparator;

/**
 * One {@code allocrec.Scenario} event, as plain values. Byte figures are
 * {@link #UNKNOWN} where the recording says they were not measured.
 *
 * @param name           the scenario's name, as the user wrote it (untrusted text)
 * @param size           element count, 0 when it has none
 * @param payloadBytes   raw bytes of the data it holds, 0 when unknown
 * @param allocatedBytes exact bytes its thread allocated during it
 * @param retainedBytes  bytes reachable from its result when it ended
 * @param thread         identifies the thread it ran on, within the recording
 * @param threadName     the thread's name, for people
 * @param startNanos     start, nanoseconds since the epoch
 * @param endNanos       end, nanoseconds since the epoch
 */
public record ScopeEvent(String name, long size, long payloadBytes, long allocatedBytes, long retainedBytes,
                         String thread, String threadName, long startNanos, long endNanos) {

    /** A byte figure the recording does not have. */
    public static final long UNKNOWN = -1;

    /**
     * The order attribution needs: by start, and of scopes that start together the one that
     * ends last first, since it encloses the others.
     */
    public static final Comparator<ScopeEvent> NESTING_ORDER = Comparator.comparingLong(ScopeEvent::startNanos)
            .thenComparing(Comparator.comparingLong(ScopeEvent::endNanos).reversed());

    public long durationNanos() {
        return endNanos - startNanos;
    }

    public boolean hasRetainedBytes() {
        return retainedBytes >= 0;
    }

    public boolean hasAllocatedBytes() {
        return allocatedBytes >= 0;
    }
}

package io.allocrec.analyzer.attribute;

/**
 * A scope with what its thread's allocation samples say about it. Byte figures are bytes;
 * {@link #UNKNOWN} (-1) where there is no figure.
 *
 * @param nameId                the scope's name, an id into the report's scope names
 * @param threadName            the thread it ran on, for people
 * @param startNanos            start, epoch nanoseconds
 * @param endNanos              end, epoch nanoseconds
 * @param size                  element count, 0 when it has none
 * @param payloadBytes          raw bytes of the data it holds, 0 when unknown
 * @param allocatedBytes        exact bytes its thread allocated during it, nested scopes included
 * @param retainedBytes         exact bytes reachable from its result when it ended
 * @param sampledBytes          estimate from the samples, nested scopes excluded: the rise of the
 *                              thread's cumulative allocation over the scope, interpolated between
 *                              samples over running time, less that of the scopes inside it
 * @param sampledBytesInclusive the same estimate including nested scopes, comparable with {@code allocatedBytes}
 * @param sampledLow            what the samples prove the scope allocated at least, nested scopes
 *                              excluded (its inclusive lower bound less its children's upper bounds)
 * @param sampledHigh           what they prove it allocated at most, nested scopes excluded
 * @param sampledLowInclusive   proven at least, nested included: the rise from the first sample after
 *                              its start to the last before its end
 * @param sampledHighInclusive  proven at most, nested included: the rise from the last sample before
 *                              its start to the first after its end; unknown when a side has no sample
 *                              (the thread's first or last scope)
 * @param samples               samples whose innermost scope this is
 * @param sampleWeight          the summed weights of those samples (the classic estimator)
 * @param sampleWeightInclusive the same with the samples of nested scopes
 * @param includesNested        whether other scopes ran inside this one
 */
public record FinishedScope(int nameId, String threadName, long startNanos, long endNanos, long size,
                            long payloadBytes, long allocatedBytes, long retainedBytes, long sampledBytes,
                            long sampledBytesInclusive, long sampledLow, long sampledHigh,
                            long sampledLowInclusive, long sampledHighInclusive, int samples,
                            long sampleWeight, long sampleWeightInclusive, boolean includesNested) {

    public static final long UNKNOWN = -1;

    public long durationNanos() {
        return endNanos - startNanos;
    }

    public boolean hasAllocatedBytes() {
        return allocatedBytes >= 0;
    }

    public boolean hasRetainedBytes() {
        return retainedBytes >= 0;
    }
}

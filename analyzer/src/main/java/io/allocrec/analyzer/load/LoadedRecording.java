package io.allocrec.analyzer.load;

import java.util.List;
import java.util.Map;

/**
 * What the analysis needs from one or more recordings, as plain values.
 *
 * @param selection    which events are the scopes
 * @param scopes       the scope events, in start-time order
 * @param samples      allocation samples by thread (the same keys as {@link ScopeEvent#thread()})
 * @param allocationKeys the (class, allocation site) of each sample's key; a site is the first frame
 *                     in application code
 * @param pauses       stop-the-world collection pauses ({@code jdk.GCPhasePause}), as [start, end] nanoseconds
 * @param threadStarts when threads started during the recording ({@code jdk.ThreadStart}), by thread key
 */
public record LoadedRecording(ScopeSelection selection, List<ScopeEvent> scopes, Map<String, ThreadSamples> samples,
                              AllocationKeys allocationKeys, long[][] pauses,
                              Map<String, Long> threadStarts) {

    public NameTable classes() {
        return allocationKeys.classes();
    }

    public NameTable sites() {
        return allocationKeys.sites();
    }

    public long sampleCount() {
        return samples.values().stream().mapToLong(ThreadSamples::count).sum();
    }
}

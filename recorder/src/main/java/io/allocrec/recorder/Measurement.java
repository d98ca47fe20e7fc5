package io.allocrec.recorder;

/**
 * What {@link AllocationTracker} measured for one run of a scenario.
 *
 * @param allocatedBytes exact bytes the thread allocated during one run, garbage included;
 *                       {@link ScenarioEvent#UNKNOWN} when the JVM cannot tell
 * @param retainedBytes  bytes reachable from one run's result, from the live heap across full
 *                       collections, averaged over the live copies
 * @param liveCopies     how many results were kept alive together for the retained figure
 */
public record Measurement(long allocatedBytes, long retainedBytes, int liveCopies) {
}

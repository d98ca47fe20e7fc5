package io.allocrec.analyzer.load;

/**
 * The time one operation took per element for one scenario and size of a sweep, as the harness
 * measured it (an {@code allocrec.Timing} event): warmed up, repeated, apart from the allocation
 * measurement.
 *
 * @param operation       "insert" (building the structure) or "lookup" (every key once)
 * @param nanosPerElement the mean over the measured iterations
 * @param error           the spread the harness states for it (see the README), in the same unit
 */
public record SweepTiming(String scenario, long size, String operation, double nanosPerElement, double error,
                          int iterations, int forks) {
}

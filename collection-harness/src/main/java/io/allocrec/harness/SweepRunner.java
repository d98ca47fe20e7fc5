package io.allocrec.harness;

import io.allocrec.recorder.AllocationTracker;
import io.allocrec.recorder.Measurement;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs each scenario over each size with {@link AllocationTracker}, which commits one
 * {@code allocrec.Scenario} event per run with its exact allocated and retained bytes.
 */
public final class SweepRunner {

    /** Size of the untimed warm-up runs that load and compile each scenario's classes. */
    private static final int WARM_UP_SIZE = 2_000;

    /**
     * Largest size of the guard runs around each measured run: allocates several megabytes,
     * more than one TLAB, so the allocation samples at the measured run's edges fall in code
     * that allocates like it (see {@link AllocationTracker#surroundedBy}).
     */
    private static final int GUARD_SIZE = 65_536;

    private final KeyValueInputs inputs;
    private final PrintStream progress;

    /** @param progress where to print a line per finished scenario */
    public SweepRunner(KeyValueInputs inputs, PrintStream progress) {
        this.inputs = inputs;
        this.progress = progress;
    }

    /**
     * Runs every scenario once at a small size and discards the result: class loading and
     * static initialisation would otherwise be counted in the first measured run.
     */
    public void warmUp(List<CollectionScenario> scenarios) {
        int n = Math.min(WARM_UP_SIZE, inputs.count());
        for (int round = 0; round < 3; round++) {
            for (CollectionScenario scenario : scenarios) {
                scenario.build(inputs, n);
            }
        }
    }

    /** Measures each scenario at each size, scenario by scenario. */
    public void run(List<CollectionScenario> scenarios, List<Integer> sizes) {
        for (CollectionScenario scenario : scenarios) {
            long started = System.nanoTime();
            for (int n : sizes) {
                measure(scenario, n);
            }
            progress.printf("  %-24s %3d sizes in %5.1f s%n",
                    scenario.name(), sizes.size(), (System.nanoTime() - started) / 1e9);
        }
    }

    Measurement measure(CollectionScenario scenario, int n) {
        return AllocationTracker.scenario(scenario.name())
                .size(n)
                .payloadBytes(KeyValueInputs.payloadBytes(n))
                .liveCopies(LiveCopies.forSize(n))
                .surroundedBy(() -> scenario.build(inputs, Math.min(n, GUARD_SIZE)))
                .run(() -> scenario.build(inputs, n));
    }
}

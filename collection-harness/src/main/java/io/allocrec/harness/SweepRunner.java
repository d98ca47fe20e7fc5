package io.allocrec.harness;

import io.allocrec.recorder.AllocationTracker;
import io.allocrec.recorder.Measurement;
import java.io.PrintStream;
import java.util.ArrayList;
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
    public void warmUp(List<? extends CollectionScenario> scenarios) {
        int n = Math.min(WARM_UP_SIZE, inputs.count());
        for (int round = 0; round < 3; round++) {
            for (CollectionScenario scenario : scenarios) {
                if (scenario instanceof KeyValueScenario<?> checked) {
                    ScenarioContract.build(checked, inputs, n);
                } else {
                    scenario.build(inputs, n);
                }
            }
        }
    }

    /**
     * Measures each scenario at each size, scenario by scenario. A {@link KeyValueScenario}'s
     * size is checked after each measured build, and what its code throws names it and the size
     * ({@link ScenarioFailure}).
     */
    public void run(List<? extends CollectionScenario> scenarios, List<Integer> sizes) {
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
        if (scenario instanceof KeyValueScenario<?> checked) {
            return measureChecked(checked, n);
        }
        return AllocationTracker.scenario(scenario.name())
                .size(n)
                .payloadBytes(KeyValueInputs.payloadBytes(n))
                .liveCopies(LiveCopies.forSize(n))
                .surroundedBy(() -> scenario.build(inputs, Math.min(n, GUARD_SIZE)))
                .run(() -> scenario.build(inputs, n));
    }

    /**
     * As {@link #measure}, with the scenario's code guarded and the first result's size checked.
     * The first result is kept in {@code first} until the measurement ends: it is one of the
     * copies being measured, and when the tracker measures again (new copies, the earlier ones
     * released) it is live both before and after, so it never counts twice.
     */
    private <S> Measurement measureChecked(KeyValueScenario<S> scenario, int n) {
        List<S> first = new ArrayList<>(1);
        Measurement measurement = AllocationTracker.scenario(scenario.name())
                .size(n)
                .payloadBytes(KeyValueInputs.payloadBytes(n))
                .liveCopies(LiveCopies.forSize(n))
                .surroundedBy(() -> ScenarioContract.build(scenario, inputs, Math.min(n, GUARD_SIZE)))
                .run(() -> {
                    S structure = ScenarioContract.build(scenario, inputs, n);
                    if (first.isEmpty()) {
                        first.add(structure);
                    }
                    return structure;
                });
        ScenarioContract.checkSize(scenario, first.get(0), n);
        return measurement;
    }
}

package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The timings say what the structures are: at 100,000 elements a TreeMap lookup walks some 17
 * levels of a red-black tree, a HashMap lookup one bucket, so the tree is slower by far (about 15
 * times here). Asserted as a ratio with a wide margin, not as a time: this must hold on a noisy
 * 2-core machine.
 */
class TimingPhysicsTest {

    @Test
    void aTreeMapLookupCostsSeveralHashMapLookupsAtAHundredThousand() {
        int n = 100_000;
        KeyValueInputs inputs = KeyValueInputs.generate(n, KeyValueInputs.DEFAULT_SEED);
        TimingRunner.Plan plan = new TimingRunner.Plan(List.of(n), 3, 10_000_000, 50_000_000);
        Map<String, Double> fastest = new HashMap<>();
        // Twice, keeping the fastest: the second run's code is surely compiled, whatever else this JVM did before.
        for (int round = 0; round < 2; round++) {
            time(inputs, plan, fastest);
        }
        System.out.println("Fastest iteration at 100,000 elements, ns per element: " + fastest);
        assertTrue(fastest.get("treemap lookup") > 3 * fastest.get("hashmap lookup"), fastest.toString());
        assertTrue(fastest.values().stream().allMatch(ns -> ns > 0.5 && ns < 100_000), fastest.toString());
    }

    private static void time(KeyValueInputs inputs, TimingRunner.Plan plan, Map<String, Double> fastest) {
        new TimingRunner(inputs, plan).run(Scenarios.builtIn(List.of("hashmap", "treemap")), new TimingRunner.Listener() {
            @Override
            public void started(int scenario, int size, String operation) {
            }

            @Override
            public void measured(int scenario, int size, String operation, TimingRunner.Measured measured) {
                // The fastest iteration: what the structure costs when the machine lets it run.
                fastest.merge(List.of("hashmap", "treemap").get(scenario) + " " + operation,
                        Arrays.stream(measured.nanosPerElement()).min().orElseThrow(), Math::min);
            }

            @Override
            public void scenarioDone(int scenario, long nanos) {
            }
        });
    }
}

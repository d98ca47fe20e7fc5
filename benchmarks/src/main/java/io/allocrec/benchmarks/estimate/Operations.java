package io.allocrec.benchmarks.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Eight operations that allocate in very different shapes, for the estimator's evaluation: many
 * small objects, medium arrays, one large array (outside the TLAB), strings, a map, a
 * heavy-tailed (Pareto) array, almost nothing while computing, and almost nothing while sleeping
 * (wall time without bytes). {@code scale} shrinks every size, for workloads of short scopes.
 */
final class Operations {

    static final String[] NAMES = {
        "small-objects", "medium-arrays", "large-array", "strings", "map", "heavy-tail", "compute", "sleepy"
    };

    static volatile Object sink;

    private Operations() {
    }

    static void run(int operation, SplittableRandom random, double scale) {
        switch (operation) {
            case 0 -> smallObjects(count(random, 50, 500, scale));
            case 1 -> mediumArrays(count(random, 2, 20, scale));
            case 2 -> sink = new byte[count(random, 100_000, 600_000, scale)];
            case 3 -> strings(count(random, 20, 200, scale), random);
            case 4 -> map(count(random, 10, 120, scale));
            case 5 -> sink = new byte[(int) Math.min(2_000_000, scale * pareto(random, 1024, 1.1))];
            case 6 -> compute(count(random, 2_000, 20_000, 1));
            default -> sleep(random);
        }
    }

    private static int count(SplittableRandom random, int low, int high, double scale) {
        return Math.max(1, (int) Math.round(scale * random.nextInt(low, high + 1)));
    }

    /** Pareto: minimum {@code low}, shape {@code alpha}; heavier-tailed as alpha nears 1. */
    static double pareto(SplittableRandom random, double low, double alpha) {
        return low / Math.pow(1 - random.nextDouble(), 1 / alpha);
    }

    private static void smallObjects(int count) {
        for (int i = 0; i < count; i++) {
            sink = new long[] {i, i};
        }
    }

    private static void mediumArrays(int count) {
        for (int i = 0; i < count; i++) {
            sink = new byte[4096];
        }
    }

    private static void strings(int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            sink = Integer.toString(i * 31 + random.nextInt(1000)) + "-suffix";
        }
    }

    private static void map(int entries) {
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put(i, "v");
        }
        sink = map;
    }

    private static void compute(int rounds) {
        long x = 1;
        for (int i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x == 42 ? new Object() : null;
    }

    private static void sleep(SplittableRandom random) {
        List<Integer> small = new ArrayList<>(4);
        small.add(random.nextInt());
        sink = small;
        LockSupport.parkNanos(random.nextLong(50_000, 1_000_000));
    }
}

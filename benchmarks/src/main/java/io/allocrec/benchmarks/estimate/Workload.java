package io.allocrec.benchmarks.estimate;

import java.util.SplittableRandom;

/**
 * One workload of the estimator's evaluation: how many threads run the operations, in what mix
 * and at what scale, how the scopes are marked and how the JVM is recorded.
 *
 * @param name      the workload's name in the tables
 * @param threads   threads running operations (this machine has two cores)
 * @param recording {@code production.jfc}, {@code allocation.jfc} or {@code async-profiler}
 * @param scale     multiplies every operation's size: small for many short scopes per sample
 * @param mix       relative frequency of each of {@link Operations#NAMES}, before the seed varies it
 */
record Workload(String name, int threads, String recording, double scale, double[] mix) {

    static final String ASYNC_PROFILER = "async-profiler";

    private static final double[] SERVICE_MIX = {20, 10, 3, 15, 10, 4, 10, 3};

    /** The workloads the README's table is made of. */
    static final Workload[] EVALUATED = {
        new Workload("threads-over-cores", 3, "production.jfc", 1, SERVICE_MIX),
        new Workload("unthrottled", 3, "allocation.jfc", 1, SERVICE_MIX),
        new Workload("short-scopes", 3, "production.jfc", 0.03, new double[] {20, 10, 0, 15, 10, 0, 10, 0}),
        new Workload("heavy-tailed", 3, "production.jfc", 1, new double[] {10, 5, 0, 10, 5, 30, 10, 2}),
        new Workload("async-profiler", 3, ASYNC_PROFILER, 1, SERVICE_MIX),
    };

    /**
     * Kept apart: anything the estimator's interval needs beyond what a recording gives is set on
     * these, never on {@link #EVALUATED}. Two threads, a mix of their own.
     */
    static final Workload[] CALIBRATION = {
        new Workload("calibration-production", 2, "production.jfc", 0.5, new double[] {5, 20, 6, 5, 20, 2, 5, 1}),
        new Workload("calibration-unthrottled", 2, "allocation.jfc", 0.5, new double[] {5, 20, 6, 5, 20, 2, 5, 1}),
    };

    static Workload named(String name) {
        for (Workload[] set : new Workload[][] {EVALUATED, CALIBRATION}) {
            for (Workload workload : set) {
                if (workload.name.equals(name)) {
                    return workload;
                }
            }
        }
        throw new IllegalArgumentException("no workload " + name);
    }

    boolean byAsyncProfiler() {
        return recording.equals(ASYNC_PROFILER);
    }

    /** The mix's frequencies, each varied by the seed between half and one and a half times. */
    double[] frequencies(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] varied = new double[mix.length];
        for (int i = 0; i < mix.length; i++) {
            varied[i] = mix[i] * random.nextDouble(0.5, 1.5);
        }
        return varied;
    }

    ScopeMarker newMarker() {
        return byAsyncProfiler() ? new ScopeMarker.ProfilerSpan() : new ScopeMarker.JfrEvent();
    }
}

package io.allocrec.harness;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * Times each scenario's insert (build from the inputs) and lookup (every key, in a shuffled
 * order) at each size, the way JMH does: warm-up first, then several timed iterations whose
 * spread is reported; every result consumed (each built structure is stored where the JIT cannot
 * prove it unused; every lookup result is counted and the count checked); a batch of builds or
 * lookups per iteration where one would be too short to time; and where an iteration is only a
 * few builds (up to {@value #FEW_BUILDS}), a full collection before each (JMH's {@code -gc true}):
 * a collection during a large build costs as much as the build, so five iterations would
 * otherwise differ by whether one fell in them. Such a build is then timed from an empty young
 * generation, and pays only for the collections its own allocation makes.
 *
 * <p>It runs where it is called; {@code record} calls it in a fresh JVM for each scenario ({@link TimingFork}).
 * What it measures goes to a {@link Listener}, scenario by scenario and size by size.
 */
final class TimingRunner {

    /**
     * What to time and how long.
     *
     * @param sizes          element counts to time, ascending
     * @param iterations     timed iterations per size and operation (at least 2)
     * @param iterationNanos least duration of one iteration: shorter work is batched
     * @param warmupNanos    least warm-up per size and operation, at least one iteration
     */
    record Plan(List<Integer> sizes, int iterations, long iterationNanos, long warmupNanos) {
    }

    /** What one timing measured: nanoseconds per element of each timed iteration. */
    record Measured(double[] nanosPerElement, int warmupIterations, long elementsPerIteration) {
    }

    /** Receives what the runner does, in order. */
    interface Listener {

        /** A timing starts: {@code scenario} indexes the list given to {@link #run}. */
        void started(int scenario, int size, String operation);

        void measured(int scenario, int size, String operation, Measured measured);

        void scenarioDone(int scenario, long nanos);
    }

    /**
     * Keys per lookup call, from an endless sequence of passes over the structure's keys, each in
     * a new random order: a structure of up to this many keys has one call's worth of passes
     * looked up again and again; a larger one gets the next keys of the sequence at every call,
     * so that an iteration looks up part of a pass (every key, over enough iterations) in a cache
     * state like that of a whole pass.
     */
    static final int KEYS_PER_CALL = 1 << 14;
    /** Size of each scenario's warm-up before its first timing: collisions, tree depth and resizes as at larger sizes. */
    private static final int WARM_UP_SIZE = 10_000;
    private static final long LONG_ITERATION_MILLIS = 600;
    private static final long LONG_MEASUREMENT_MILLIS = 3_000;
    /** An iteration of at most this many builds starts from a full collection. */
    private static final int FEW_BUILDS = 4;
    private static final int MAX_BATCH = 1 << 24;
    private static final long MIN_SCENARIO_WARM_UP_NANOS = 200_000_000;
    private static final long KEY_ORDER_SEED = 0x7157_11E5L;

    private final KeyValueInputs inputs;
    private final Plan plan;

    TimingRunner(KeyValueInputs inputs, Plan plan) {
        this.inputs = inputs;
        this.plan = plan;
    }

    /** Where every built structure is stored: an object stored in a field escapes, so its build cannot be dropped. */
    private static final class Latest<S> {
        S structure;
    }

    /** One batch of work: runs {@code count} units and returns the nanoseconds they took. */
    private interface Batch {

        long run(int count);

        /**
         * Whether a full collection goes before each iteration of a few units (builds: yes;
         * lookups allocate nothing, and a collection would empty the caches they warmed).
         */
        default boolean collectsBetweenIterations() {
            return false;
        }

        /** Called before each of those collections: drop what the last iteration kept. */
        default void beforeCollection() {
        }
    }

    /** Times the scenarios one after the other, in this JVM: their indexes are their places in the list. */
    void run(List<KeyValueScenario<?>> scenarios, Listener listener) {
        for (int i = 0; i < scenarios.size(); i++) {
            run(i, scenarios.get(i), listener);
        }
    }

    /** Times one scenario, reported to the listener as {@code index}. */
    void run(int index, KeyValueScenario<?> scenario, Listener listener) {
        long started = System.nanoTime();
        time(index, scenario, listener);
        listener.scenarioDone(index, System.nanoTime() - started);
    }

    private <S> void time(int index, KeyValueScenario<S> scenario, Listener listener) {
        boolean lookups = warmUp(scenario);
        Latest<S> latest = new Latest<>();
        for (int n : plan.sizes()) {
            listener.started(index, n, TimingEvent.INSERT);
            Batch builds = new Batch() {
                @Override
                public long run(int count) {
                    return timeBuilds(scenario, n, count, latest);
                }

                @Override
                public boolean collectsBetweenIterations() {
                    return true;
                }

                @Override
                public void beforeCollection() {
                    latest.structure = null;
                }
            };
            Measured built = guarded(scenario, n, TimingEvent.INSERT, () -> measure(builds, n));
            listener.measured(index, n, TimingEvent.INSERT, built);

            S structure = latest.structure;
            latest.structure = null;
            ScenarioContract.checkSize(scenario, structure, n);
            if (lookups && ScenarioContract.checkLookups(scenario, structure, inputs, n, false)) {
                listener.started(index, n, TimingEvent.LOOKUP);
                KeyOrder order = new KeyOrder(n, KEY_ORDER_SEED + n);
                LookupSink sink = LookupSink.counting();
                Measured looked = guarded(scenario, n, TimingEvent.LOOKUP,
                        () -> measure(count -> timeLookups(scenario, structure, order.next(count), sink, n),
                                KEYS_PER_CALL));
                listener.measured(index, n, TimingEvent.LOOKUP, looked);
            }
        }
    }

    /**
     * Builds and looks up at a mid size for twice the warm-up time, and at least 200 ms (the JIT
     * needs that long to compile a lookup loop with the map's code inlined, on 2 busy cores), so
     * that the first timing (size 1) runs code compiled with the profile of real collisions, tree
     * depths and resizes.
     *
     * @return whether the scenario has a lookup
     */
    private <S> boolean warmUp(KeyValueScenario<S> scenario) {
        int n = Math.min(WARM_UP_SIZE, inputs.count());
        long[] keys = new KeyOrder(n, KEY_ORDER_SEED).next(1)[0];
        LookupSink sink = LookupSink.counting();
        boolean lookups = true;
        long started = System.nanoTime();
        do {
            S structure = ScenarioContract.build(scenario, inputs, n);
            lookups = lookups && ScenarioContract.lookUp(scenario, structure, keys, sink, n);
        } while (System.nanoTime() - started < Math.max(2 * plan.warmupNanos(), MIN_SCENARIO_WARM_UP_NANOS));
        return lookups;
    }

    /**
     * Finds the batch size (doubling, or scaling by the time measured, until one batch lasts an
     * iteration), warms up until the warm-up time has passed, then times the iterations. Where
     * the batch is a few builds, a full collection (untimed) goes before every later iteration.
     *
     * @param elementsPerCount elements one unit of the batch handles
     */
    private Measured measure(Batch batch, long elementsPerCount) {
        long started = System.nanoTime();
        int count = 1;
        int warmups = 0;
        long nanos = 0;
        while (true) {
            // Once a unit is seen to take a millisecond or more: collections before it, as in the timed iterations.
            nanos = runIteration(batch, count, batch.collectsBetweenIterations() && count <= FEW_BUILDS
                    && nanos >= 1_000_000);
            warmups++;
            if (nanos >= plan.iterationNanos() || count >= MAX_BATCH) {
                break;
            }
            long scaled = nanos <= 0 ? 64L * count : (long) Math.ceil(count * 1.25 * plan.iterationNanos() / nanos);
            count = (int) Math.min(MAX_BATCH, Math.max(2L * count, Math.min(scaled, 64L * count)));
        }
        boolean collect = batch.collectsBetweenIterations() && count <= FEW_BUILDS;
        while (System.nanoTime() - started < plan.warmupNanos()) {
            runIteration(batch, count, collect);
            warmups++;
        }
        double[] perElement = new double[iterations(nanos)];
        for (int i = 0; i < perElement.length; i++) {
            perElement[i] = runIteration(batch, count, collect) / ((double) count * elementsPerCount);
        }
        return new Measured(perElement, warmups, count * elementsPerCount);
    }

    /**
     * The plan's iterations, but where one iteration lasts longer than {@value #LONG_ITERATION_MILLIS}
     * ms (a build of 10⁶ elements of a tree), only as many as fit in {@value #LONG_MEASUREMENT_MILLIS}
     * ms, and at least 3: the phase stays within minutes, and the event says how many there were.
     */
    private int iterations(long iterationNanos) {
        if (iterationNanos <= LONG_ITERATION_MILLIS * 1_000_000) {
            return plan.iterations();
        }
        long fit = LONG_MEASUREMENT_MILLIS * 1_000_000 / iterationNanos;
        return (int) Math.min(plan.iterations(), Math.max(3, fit));
    }

    private static long runIteration(Batch batch, int count, boolean collect) {
        if (collect) {
            batch.beforeCollection();
            System.gc();
        }
        return batch.run(count);
    }

    private <S> long timeBuilds(KeyValueScenario<S> scenario, int n, int count, Latest<S> latest) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            latest.structure = scenario.build(inputs, n);
        }
        return System.nanoTime() - started;
    }

    private static <S> long timeLookups(KeyValueScenario<S> scenario, S structure, long[][] calls, LookupSink sink,
                                        int n) {
        sink.reset();
        long started = System.nanoTime();
        for (long[] keys : calls) {
            scenario.lookUp(structure, keys, sink);
        }
        long nanos = System.nanoTime() - started;
        long expected = (long) calls.length * KEYS_PER_CALL;
        if (sink.results() != expected || sink.found() != expected) {
            throw new ScenarioFailure(String.format(Locale.ROOT, "%s gave %,d lookup results, %,d of them found, "
                    + "for %,d lookups of keys it holds (%s): lookUp must call sink.accept once per key with its value",
                    ScenarioContract.describe(scenario), sink.results(), sink.found(), expected,
                    ScenarioContract.elements(n)));
        }
        return nanos;
    }

    /** Turns what the scenario's code throws while being timed into a failure naming it, the size and the operation. */
    private static Measured guarded(KeyValueScenario<?> scenario, int n, String operation, Supplier<Measured> timing) {
        try {
            return timing.get();
        } catch (ScenarioFailure | OutOfMemoryError | InternalError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScenarioFailure(ScenarioContract.describe(scenario) + " threw while timing " + operation + " of "
                    + ScenarioContract.elements(n) + ": " + ScenarioContract.oneLine(e));
        }
    }

    /**
     * The keys to look up, {@value #KEYS_PER_CALL} per call: an endless sequence of passes over
     * the first {@code n} keys, each pass in a new random order. A structure of up to that many
     * keys reuses its calls (they hold whole passes already), a larger one gets the next keys of
     * the sequence at every call.
     */
    private final class KeyOrder {

        private final int n;
        private final int[] order;
        private final SplittableRandom random;
        private int position;
        private long[] reusable;

        KeyOrder(int n, long seed) {
            this.n = n;
            this.order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            this.random = new SplittableRandom(seed);
            this.position = n;
        }

        long[][] next(int calls) {
            long[][] keys = new long[calls][];
            for (int call = 0; call < calls; call++) {
                if (n <= KEYS_PER_CALL) {
                    if (reusable == null) {
                        reusable = fill();
                    }
                    keys[call] = reusable;
                } else {
                    keys[call] = fill();
                }
            }
            return keys;
        }

        private long[] fill() {
            long[] keys = new long[KEYS_PER_CALL];
            for (int i = 0; i < keys.length; i++) {
                if (position == n) {
                    shuffle();
                    position = 0;
                }
                keys[i] = inputs.key(order[position++]);
            }
            return keys;
        }

        private void shuffle() {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }
}

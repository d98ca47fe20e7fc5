package io.allocrec.harness;

/**
 * A key-value structure for {@code allocrec record} to measure, typed by the structure it builds:
 * the built-in scenarios implement it, and so can yours (given with {@code --scenario-class}).
 * Every scenario is measured the same way at each size of the sweep: the bytes allocated while
 * building it and the bytes it retains ({@code allocrec.Scenario}), its retained bytes class by
 * class ({@code allocrec.Breakdown}), and the time to build it and to look every key up
 * ({@code allocrec.Timing}).
 *
 * <p>What {@code record} relies on, and checks where it can (a scenario that breaks it stops the
 * run, exit 3, before anything is written):
 * <ul>
 *   <li>{@link #build} makes a new structure at every call from the first {@code n} pairs of the
 *       inputs, taking each value with {@link KeyValueInputs#copyOfValue} (a fresh copy, part of
 *       what the scenario allocates and retains), and returns it. Only what is reachable from the
 *       returned object is weighed: return the structure itself (or an object holding all of it).
 *   <li>No state outside the structure: no cache, pool or static field that survives a call, and
 *       no reference to the {@link KeyValueInputs} (it would be weighed as part of the structure).
 *   <li>{@link #size} says how many pairs a built structure holds: it must be {@code n}.
 *   <li>{@link #lookUp} looks each key up in the given order and reports every result to the
 *       sink, the value stored for the key or {@code null}. The loop is yours, so that the JIT
 *       compiles it for your structure alone, as a JMH benchmark method would be.
 *   <li>A public no-argument constructor (for {@code --scenario-class}), and a {@link #name} that
 *       no other scenario of the run has.
 * </ul>
 *
 * <pre>{@code
 * public final class SortedPairs implements KeyValueScenario<SortedPairs.Table> {
 *     public record Table(long[] keys, byte[][] values) { }
 *     public String name() { return "sorted-arrays"; }
 *     public Table build(KeyValueInputs inputs, int n) { ... sort, then fill two arrays ... }
 *     public int size(Table t) { return t.keys().length; }
 *     public void lookUp(Table t, long[] keys, LookupSink sink) {
 *         for (long key : keys) {
 *             int i = Arrays.binarySearch(t.keys(), key);
 *             sink.accept(i >= 0 ? t.values()[i] : null);
 *         }
 *     }
 * }
 * }</pre>
 *
 * @param <S> the type of the structure {@link #build} returns
 */
public interface KeyValueScenario<S> extends CollectionScenario {

    /**
     * Builds a new structure holding the first {@code n} pairs of {@code inputs}.
     *
     * @param inputs the pairs: {@link KeyValueInputs#key}, {@link KeyValueInputs#copyOfValue}
     * @param n      how many of them, from the first; at least 1
     * @return the structure, never {@code null}
     */
    @Override
    S build(KeyValueInputs inputs, int n);

    /**
     * How many pairs the structure holds.
     *
     * @param structure what {@link #build} returned
     * @return its element count
     */
    int size(S structure);

    /**
     * Looks up each of {@code keys}, in order, and gives each result to {@code sink}: once per
     * key, the value stored for it or {@code null} when it is absent. The keys are keys of the
     * structure in a shuffled order, each pass over them a new shuffle; for small structures
     * the array holds several passes, so that one call does enough work to be timed.
     *
     * <p>A structure that cannot look keys up (the built-in baseline, {@code vec-pair}: two
     * unsorted arrays) throws {@link UnsupportedOperationException}; its lookups are then not
     * timed.
     *
     * @param structure what {@link #build} returned
     * @param keys      the keys to look up
     * @param sink      where each result goes
     */
    void lookUp(S structure, long[] keys, LookupSink sink);
}

package io.allocrec.harness;

/**
 * Receives the result of each lookup of {@link KeyValueScenario#lookUp}, so that the JIT cannot
 * drop a lookup whose result is unused (the role of JMH's {@code Blackhole}): every result is
 * counted, and {@code record} checks the count. It does not read the values, so timing a lookup
 * does not include touching its value's memory.
 */
public final class LookupSink {

    /** When checking results, where they go, in order; {@code null} when only counting (timing). */
    private final byte[][] kept;
    private long results;
    private long found;

    private LookupSink(byte[][] kept) {
        this.kept = kept;
    }

    /** A sink that counts results: for timed runs. */
    static LookupSink counting() {
        return new LookupSink(null);
    }

    /** A sink that also keeps the first {@code capacity} results, for checking them. */
    static LookupSink keeping(int capacity) {
        return new LookupSink(new byte[capacity][]);
    }

    /**
     * Takes the result of looking up one key.
     *
     * @param value the value stored for the key, or {@code null} when the key is absent
     */
    public void accept(byte[] value) {
        if (kept != null && results < kept.length) {
            kept[(int) results] = value;
        }
        results++;
        if (value != null) {
            found++;
        }
    }

    long results() {
        return results;
    }

    long found() {
        return found;
    }

    byte[] kept(int i) {
        return kept[i];
    }

    void reset() {
        results = 0;
        found = 0;
    }
}

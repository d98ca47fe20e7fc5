package io.allocrec.harness;

/**
 * The baseline: an exactly sized array of keys and one of values, the least any container of
 * the pairs can hold (the original's two {@code Vec::with_capacity}). Unsorted, it has no
 * lookup: only its build is timed, the floor of every scenario's (a value copy and two stores
 * per pair).
 */
final class VecPairScenario implements KeyValueScenario<VecPairScenario.KeyValueArrays> {

    /** The result: the two arrays, together. */
    record KeyValueArrays(long[] keys, byte[][] values) {
    }

    @Override
    public String name() {
        return "vec-pair";
    }

    @Override
    public KeyValueArrays build(KeyValueInputs inputs, int n) {
        long[] keys = new long[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = inputs.key(i);
            values[i] = inputs.copyOfValue(i);
        }
        return new KeyValueArrays(keys, values);
    }

    @Override
    public int size(KeyValueArrays arrays) {
        return arrays.keys().length;
    }

    /** Finding a key in unsorted arrays is a linear scan, a million times a million steps at 10⁶. */
    @Override
    public void lookUp(KeyValueArrays arrays, long[] keys, LookupSink sink) {
        throw new UnsupportedOperationException("vec-pair, the baseline, has no lookup");
    }
}

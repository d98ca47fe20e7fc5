package io.allocrec.harness;

/**
 * The baseline: an exactly sized array of keys and one of values, the least any container of
 * the pairs can hold (the original's two {@code Vec::with_capacity}).
 */
final class VecPairScenario implements CollectionScenario {

    /** The result: the two arrays, together. */
    record KeyValueArrays(long[] keys, byte[][] values) {
    }

    @Override
    public String name() {
        return "vec-pair";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        long[] keys = new long[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = inputs.key(i);
            values[i] = inputs.copyOfValue(i);
        }
        return new KeyValueArrays(keys, values);
    }
}

package io.allocrec.harness;

import java.util.HashMap;
import java.util.Map;

/** {@code HashMap<Long, byte[]>} sized up front so that no resize happens while it fills. */
final class PresizedHashMapScenario implements KeyValueScenario<Map<Long, byte[]>> {

    @Override
    public String name() {
        return "hashmap-presized";
    }

    @Override
    public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new HashMap<>(capacityWithoutResize(n));
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }

    @Override
    public int size(Map<Long, byte[]> map) {
        return map.size();
    }

    @Override
    public void lookUp(Map<Long, byte[]> map, long[] keys, LookupSink sink) {
        for (long key : keys) {
            sink.accept(map.get(key));
        }
    }

    /** The smallest initial capacity whose threshold (capacity * 0.75) admits n entries. */
    static int capacityWithoutResize(int n) {
        return (int) Math.ceil(n / 0.75);
    }
}

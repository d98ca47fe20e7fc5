package io.allocrec.harness;

import java.util.HashMap;
import java.util.Map;

/** {@code HashMap<Long, byte[]>} with the default constructor: grows by doubling its table. */
final class HashMapScenario implements KeyValueScenario<Map<Long, byte[]>> {

    @Override
    public String name() {
        return "hashmap";
    }

    @Override
    public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new HashMap<>();
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
}

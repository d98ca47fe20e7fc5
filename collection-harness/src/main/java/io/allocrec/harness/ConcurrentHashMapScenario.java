package io.allocrec.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code ConcurrentHashMap<Long, byte[]>}, default constructor. */
final class ConcurrentHashMapScenario implements CollectionScenario {

    @Override
    public String name() {
        return "concurrenthashmap";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

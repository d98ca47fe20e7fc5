package io.allocrec.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code LinkedHashMap<Long, byte[]>}, default constructor: a HashMap plus an insertion-order list. */
final class LinkedHashMapScenario implements CollectionScenario {

    @Override
    public String name() {
        return "linkedhashmap";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

package io.allocrec.harness;

import java.util.HashMap;
import java.util.Map;

/** {@code HashMap<Long, byte[]>} with the default constructor: grows by doubling its table. */
final class HashMapScenario implements CollectionScenario {

    @Override
    public String name() {
        return "hashmap";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

package io.allocrec.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@code ConcurrentSkipListMap<Long, byte[]>}: ordered and concurrent; its index levels are random, so its footprint varies slightly from run to run. */
final class ConcurrentSkipListMapScenario implements CollectionScenario {

    @Override
    public String name() {
        return "concurrentskiplistmap";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new ConcurrentSkipListMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

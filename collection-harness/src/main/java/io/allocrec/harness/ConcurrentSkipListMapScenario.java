package io.allocrec.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@code ConcurrentSkipListMap<Long, byte[]>}: ordered and concurrent; its index levels are random, so its footprint varies slightly from run to run. */
final class ConcurrentSkipListMapScenario implements KeyValueScenario<Map<Long, byte[]>> {

    @Override
    public String name() {
        return "concurrentskiplistmap";
    }

    @Override
    public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new ConcurrentSkipListMap<>();
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

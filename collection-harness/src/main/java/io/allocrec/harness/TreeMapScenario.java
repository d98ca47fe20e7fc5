package io.allocrec.harness;

import java.util.Map;
import java.util.TreeMap;

/** {@code TreeMap<Long, byte[]>}: the ordered map, Java's counterpart to Rust's BTreeMap (a red-black tree, not a B-tree). */
final class TreeMapScenario implements KeyValueScenario<Map<Long, byte[]>> {

    @Override
    public String name() {
        return "treemap";
    }

    @Override
    public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = new TreeMap<>();
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

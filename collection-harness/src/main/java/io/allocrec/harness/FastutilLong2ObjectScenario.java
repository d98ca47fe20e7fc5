package io.allocrec.harness;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/** fastutil's {@code Long2ObjectOpenHashMap<byte[]>}: open addressing over primitive {@code long} keys, no boxing. */
final class FastutilLong2ObjectScenario implements CollectionScenario {

    @Override
    public String name() {
        return "fastutil-long2object";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        Long2ObjectOpenHashMap<byte[]> map = new Long2ObjectOpenHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

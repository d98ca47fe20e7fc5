package io.allocrec.harness;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/** fastutil's {@code Long2ObjectOpenHashMap<byte[]>}: open addressing over primitive {@code long} keys, no boxing. */
final class FastutilLong2ObjectScenario implements KeyValueScenario<Long2ObjectOpenHashMap<byte[]>> {

    @Override
    public String name() {
        return "fastutil-long2object";
    }

    @Override
    public Long2ObjectOpenHashMap<byte[]> build(KeyValueInputs inputs, int n) {
        Long2ObjectOpenHashMap<byte[]> map = new Long2ObjectOpenHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }

    @Override
    public int size(Long2ObjectOpenHashMap<byte[]> map) {
        return map.size();
    }

    @Override
    public void lookUp(Long2ObjectOpenHashMap<byte[]> map, long[] keys, LookupSink sink) {
        for (long key : keys) {
            sink.accept(map.get(key));
        }
    }
}

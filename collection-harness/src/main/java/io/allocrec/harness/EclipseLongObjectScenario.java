package io.allocrec.harness;

import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/** Eclipse Collections' {@code LongObjectHashMap<byte[]>}: open addressing over primitive {@code long} keys, no boxing. */
final class EclipseLongObjectScenario implements KeyValueScenario<LongObjectHashMap<byte[]>> {

    @Override
    public String name() {
        return "eclipse-longobject";
    }

    @Override
    public LongObjectHashMap<byte[]> build(KeyValueInputs inputs, int n) {
        LongObjectHashMap<byte[]> map = new LongObjectHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }

    @Override
    public int size(LongObjectHashMap<byte[]> map) {
        return map.size();
    }

    @Override
    public void lookUp(LongObjectHashMap<byte[]> map, long[] keys, LookupSink sink) {
        for (long key : keys) {
            sink.accept(map.get(key));
        }
    }
}

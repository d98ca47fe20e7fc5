package io.allocrec.harness;

import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/** Eclipse Collections' {@code LongObjectHashMap<byte[]>}: open addressing over primitive {@code long} keys, no boxing. */
final class EclipseLongObjectScenario implements CollectionScenario {

    @Override
    public String name() {
        return "eclipse-longobject";
    }

    @Override
    public Object build(KeyValueInputs inputs, int n) {
        LongObjectHashMap<byte[]> map = new LongObjectHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(inputs.key(i), inputs.copyOfValue(i));
        }
        return map;
    }
}

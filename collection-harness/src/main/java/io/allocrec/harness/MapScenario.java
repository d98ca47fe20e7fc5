package io.allocrec.harness;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;

/**
 * A {@code Map<Long, byte[]>} from the JDK, filled with {@code put} and looked up with {@code get}:
 * one class for every such map, each scenario told apart by its name and the map it makes.
 *
 * <p>Its build and lookup loops see whichever maps run in the JVM: the timing phase times each
 * scenario in a JVM of its own ({@link TimingPhase}), where they see one map and the JIT inlines
 * its {@code put} and {@code get}.
 */
final class MapScenario implements KeyValueScenario<Map<Long, byte[]>> {

    private final String name;
    private final IntFunction<Map<Long, byte[]>> newMap;

    /**
     * @param name   the scenario's name
     * @param newMap makes an empty map for the given number of elements
     */
    private MapScenario(String name, IntFunction<Map<Long, byte[]>> newMap) {
        this.name = name;
        this.newMap = newMap;
    }

    /** The JDK's maps, in the order the report lists them. */
    static List<MapScenario> jdkMaps() {
        return List.of(
                // Default constructor: grows by doubling its table.
                new MapScenario("hashmap", n -> new HashMap<>()),
                // Sized up front so that no resize happens while it fills.
                new MapScenario("hashmap-presized", n -> new HashMap<>(capacityWithoutResize(n))),
                // A HashMap plus an insertion-order list.
                new MapScenario("linkedhashmap", n -> new LinkedHashMap<>()),
                // The ordered map, Java's counterpart to Rust's BTreeMap (a red-black tree, not a B-tree).
                new MapScenario("treemap", n -> new TreeMap<>()),
                new MapScenario("concurrenthashmap", n -> new ConcurrentHashMap<>()),
                // Ordered and concurrent; its index levels are random, so its footprint varies slightly from run to run.
                new MapScenario("concurrentskiplistmap", n -> new ConcurrentSkipListMap<>()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<Long, byte[]> build(KeyValueInputs inputs, int n) {
        Map<Long, byte[]> map = newMap.apply(n);
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

    /** The smallest initial capacity whose threshold (capacity * 0.75) admits n entries. */
    private static int capacityWithoutResize(int n) {
        return (int) Math.ceil(n / 0.75);
    }
}

package io.allocrec.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in collection scenarios, by name, in the order the report lists them. Each map has a
 * class of its own, though they differ only in the map they build: the timing JVM runs them all,
 * and a build or lookup loop shared by several map types would see them all at its call sites, so
 * the JIT would stop inlining and the later maps would be timed slower (see {@link KeyValueScenario#lookUp}).
 */
public final class Scenarios {

    private static final Map<String, KeyValueScenario<?>> BUILT_IN = new LinkedHashMap<>();

    static {
        for (KeyValueScenario<?> scenario : List.<KeyValueScenario<?>>of(
                new VecPairScenario(),
                new HashMapScenario(),
                new PresizedHashMapScenario(),
                new LinkedHashMapScenario(),
                new TreeMapScenario(),
                new ConcurrentHashMapScenario(),
                new ConcurrentSkipListMapScenario(),
                new FastutilLong2ObjectScenario(),
                new EclipseLongObjectScenario())) {
            BUILT_IN.put(scenario.name(), scenario);
        }
    }

    private Scenarios() {
    }

    /** All built-in scenarios. */
    public static List<CollectionScenario> all() {
        return List.copyOf(BUILT_IN.values());
    }

    /** The names of all built-in scenarios. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /**
     * The scenarios with these names, in the given order, as the sweep runs them.
     *
     * @throws IllegalArgumentException naming the first unknown name and the known ones
     */
    public static List<CollectionScenario> named(List<String> names) {
        return new ArrayList<>(builtIn(names));
    }

    /**
     * The scenarios with these names, in the given order.
     *
     * @throws IllegalArgumentException naming the first unknown name and the known ones
     */
    public static List<KeyValueScenario<?>> builtIn(List<String> names) {
        List<KeyValueScenario<?>> picked = new ArrayList<>();
        for (String name : names) {
            KeyValueScenario<?> scenario = BUILT_IN.get(name);
            if (scenario == null) {
                throw new IllegalArgumentException(
                        "unknown scenario '" + name + "'; known: " + String.join(", ", BUILT_IN.keySet()));
            }
            picked.add(scenario);
        }
        return picked;
    }
}

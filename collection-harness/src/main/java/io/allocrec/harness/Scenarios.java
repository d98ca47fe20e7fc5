package io.allocrec.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in collection scenarios, by name, in the order the report lists them: the baseline,
 * the JDK's maps (one {@link MapScenario} each, told apart by the map it makes) and two maps of
 * primitive keys. The JDK's maps share one build and one lookup loop; that is sound because
 * {@code record} times each scenario in a JVM of its own ({@link TimingPhase}), where the loop's
 * {@code put} and {@code get} see one map type and the JIT inlines them. In one JVM for all six
 * it compiled them as virtual calls from the third map class on (docs/record.md, "Forks").
 */
public final class Scenarios {

    private static final Map<String, KeyValueScenario<?>> BUILT_IN = new LinkedHashMap<>();

    static {
        List<KeyValueScenario<?>> inOrder = new ArrayList<>();
        inOrder.add(new VecPairScenario());
        inOrder.addAll(MapScenario.jdkMaps());
        inOrder.add(new FastutilLong2ObjectScenario());
        inOrder.add(new EclipseLongObjectScenario());
        for (KeyValueScenario<?> scenario : inOrder) {
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

package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.load.SweepTiming;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A sweep's timings by scenario, size and operation ({@code insert}, {@code lookup}). */
public final class SweepTimes {

    public static final String INSERT = "insert";
    public static final String LOOKUP = "lookup";

    private record Key(String scenario, long size, String operation) {
    }

    private final Map<Key, SweepTiming> timings = new LinkedHashMap<>();

    public SweepTimes(Collection<SweepTiming> all) {
        all.forEach(t -> timings.put(new Key(t.scenario(), t.size(), t.operation()), t));
    }

    public boolean isEmpty() {
        return timings.isEmpty();
    }

    public Optional<SweepTiming> of(String scenario, long size, String operation) {
        return Optional.ofNullable(timings.get(new Key(scenario, size, operation)));
    }

    /** The scenarios with timings, in recording order. */
    public List<String> scenarios() {
        return timings.keySet().stream().map(Key::scenario).distinct().toList();
    }

    /** Per scenario, its timings of one operation by size. */
    public Map<String, Map<Long, SweepTiming>> byScenario(String operation) {
        Map<String, Map<Long, SweepTiming>> out = new LinkedHashMap<>();
        timings.forEach((key, timing) -> {
            if (key.operation().equals(operation)) {
                out.computeIfAbsent(key.scenario(), s -> new TreeMap<>()).put(key.size(), timing);
            }
        });
        return out;
    }

    /**
     * The size to compare scenarios at: the largest that has a lookup timing for the most
     * scenarios (the sweep may time fewer sizes than it measures memory at).
     */
    public Optional<Long> comparisonSize() {
        Map<Long, Long> scenariosPerSize = new TreeMap<>();
        timings.keySet().stream().filter(k -> k.operation().equals(LOOKUP))
                .forEach(k -> scenariosPerSize.merge(k.size(), 1L, Long::sum));
        return scenariosPerSize.entrySet().stream()
                .max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }
}

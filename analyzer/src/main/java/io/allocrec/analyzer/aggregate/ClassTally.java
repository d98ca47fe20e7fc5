package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.InnermostSamples;
import io.allocrec.analyzer.load.AllocationKeys;
import io.allocrec.analyzer.load.ScopeEvent;
import io.allocrec.analyzer.load.ThreadSamples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Sampled bytes per scope name, by allocated class and by allocation site: what a scope
 * allocates and where. From sample weights, so these are sampled figures, nested scopes excluded.
 */
public final class ClassTally implements InnermostSamples {

    /** Sampled bytes and sample count of one class or site within one scope name. */
    public record Entry(String scope, String what, long sampledBytes, long samples) {
    }

    private final AllocationKeys keys;
    private final Map<String, Map<Integer, long[]>> byScope = new LinkedHashMap<>(); // key -> {bytes, samples}

    public ClassTally(AllocationKeys keys) {
        this.keys = keys;
    }

    @Override
    public void sample(ScopeEvent scope, ThreadSamples samples, int index) {
        long[] bytesAndCount = byScope.computeIfAbsent(scope.name(), name -> new HashMap<>())
                .computeIfAbsent(samples.allocationKey(index), key -> new long[2]);
        bytesAndCount[0] += samples.weight(index);
        bytesAndCount[1]++;
    }

    /** Every class of every scope name, largest first within each name. */
    public List<Entry> classes() {
        List<Entry> out = new ArrayList<>();
        byScope.keySet().forEach(scope -> out.addAll(topClasses(scope, Integer.MAX_VALUE)));
        return out;
    }

    /** The {@code limit} largest classes of one scope name. */
    public List<Entry> topClasses(String scope, int limit) {
        return top(scope, keys::classId, id -> keys.classes().name(id), limit);
    }

    /** The {@code limit} largest allocation sites of one scope name. */
    public List<Entry> topSites(String scope, int limit) {
        return top(scope, keys::siteId,
                id -> id == AllocationKeys.NO_SITE ? "(no stack trace)" : keys.sites().name(id), limit);
    }

    private List<Entry> top(String scope, IntUnaryOperator idOfKey, java.util.function.IntFunction<String> name,
                            int limit) {
        Map<Integer, long[]> merged = new HashMap<>();
        byScope.getOrDefault(scope, Map.of()).forEach((key, bytesAndCount) -> {
            long[] sum = merged.computeIfAbsent(idOfKey.applyAsInt(key), id -> new long[2]);
            sum[0] += bytesAndCount[0];
            sum[1] += bytesAndCount[1];
        });
        return merged.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(limit)
                .map(e -> new Entry(scope, name.apply(e.getKey()), e.getValue()[0], e.getValue()[1]))
                .toList();
    }
}

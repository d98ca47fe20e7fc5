package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.InnermostSamples;
import io.allocrec.analyzer.load.NameTable;
import io.allocrec.analyzer.load.ScopeEvent;
import io.allocrec.analyzer.load.ThreadSamples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampled bytes per scope name, by allocated class and by allocation site: what a scope
 * allocates and where. From sample weights, so these are sampled figures, nested scopes excluded.
 */
public final class ClassTally implements InnermostSamples {

    /** Sampled bytes and sample count of one class or site within one scope name. */
    public record Entry(String scope, String what, long sampledBytes, long samples) {
    }

    private final Map<String, Map<Integer, long[]>> classesByScope = new LinkedHashMap<>();
    private final Map<String, Map<Integer, long[]>> sitesByScope = new LinkedHashMap<>();

    @Override
    public void sample(ScopeEvent scope, ThreadSamples samples, int index) {
        add(classesByScope, scope.name(), samples.classId(index), samples.weight(index));
        add(sitesByScope, scope.name(), samples.siteId(index), samples.weight(index));
    }

    private static void add(Map<String, Map<Integer, long[]>> tally, String scope, int id, long weight) {
        long[] bytesAndCount = tally.computeIfAbsent(scope, name -> new HashMap<>()).computeIfAbsent(id, key -> new long[2]);
        bytesAndCount[0] += weight;
        bytesAndCount[1]++;
    }

    /** Every class of every scope name, largest first within each name. */
    public List<Entry> classes(NameTable names) {
        return entries(classesByScope, names, Integer.MAX_VALUE);
    }

    /** The {@code limit} largest classes of one scope name. */
    public List<Entry> topClasses(String scope, NameTable names, int limit) {
        return entries(Map.of(scope, classesByScope.getOrDefault(scope, Map.of())), names, limit);
    }

    /** The {@code limit} largest allocation sites of one scope name. */
    public List<Entry> topSites(String scope, NameTable names, int limit) {
        return entries(Map.of(scope, sitesByScope.getOrDefault(scope, Map.of())), names, limit);
    }

    private static List<Entry> entries(Map<String, Map<Integer, long[]>> tally, NameTable names, int limit) {
        List<Entry> out = new ArrayList<>();
        tally.forEach((scope, byId) -> byId.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(limit)
                .forEach(e -> out.add(new Entry(scope, e.getKey() < 0 ? "(no stack trace)" : names.name(e.getKey()),
                        e.getValue()[0], e.getValue()[1]))));
        return out;
    }
}

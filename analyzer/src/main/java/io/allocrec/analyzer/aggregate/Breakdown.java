package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.load.ClassShare;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each element's retained bytes go: per scenario and size, the bytes per element of each
 * class in the live structure (JOL's class histogram, recorded by the harness), largest first.
 */
public final class Breakdown {

    /** One class's share of one scenario at one size. */
    public record Share(String scenario, long size, String className, long instances, long bytes) {
        public double bytesPerElement() {
            return size > 0 ? bytes / (double) size : Double.NaN;
        }

        public double instancesPerElement() {
            return size > 0 ? instances / (double) size : Double.NaN;
        }
    }

    private record Point(String scenario, long size) {
    }

    private final Map<Point, List<Share>> shares = new LinkedHashMap<>();

    public Breakdown(Collection<ClassShare> all) {
        for (ClassShare c : all) {
            shares.computeIfAbsent(new Point(c.scenario(), c.size()), p -> new ArrayList<>())
                    .add(new Share(c.scenario(), c.size(), c.className(), c.instances(), c.bytes()));
        }
        shares.values().forEach(list -> list.sort(Comparator.comparingLong(Share::bytes).reversed()
                .thenComparing(Share::className)));
    }

    public boolean isEmpty() {
        return shares.isEmpty();
    }

    /** Every share, by scenario and size in recording order, largest class first. */
    public List<Share> all() {
        return shares.values().stream().flatMap(List::stream).toList();
    }

    public List<Share> of(String scenario, long size) {
        return shares.getOrDefault(new Point(scenario, size), List.of());
    }

    /** The scenarios broken down at {@code size}, in recording order. */
    public List<String> scenariosAt(long size) {
        return shares.keySet().stream().filter(p -> p.size() == size).map(Point::scenario).toList();
    }

    /** The largest size at which the most scenarios are broken down. */
    public Optional<Long> comparisonSize() {
        Map<Long, Long> perSize = new TreeMap<>();
        shares.keySet().forEach(p -> perSize.merge(p.size(), 1L, Long::sum));
        return perSize.entrySet().stream()
                .max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** The summed bytes of a scenario at a size. */
    public long total(String scenario, long size) {
        return of(scenario, size).stream().mapToLong(Share::bytes).sum();
    }
}

package io.allocrec.analyzer.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A size sweep's scopes summarised per (name, size): "hashmap n=1000". A diff of two sweeps must
 * compare each size with itself; one figure per name would mix sizes whose costs differ by
 * orders of magnitude, and the spread between them would hide any change.
 */
public final class SweepPoints {

    private SweepPoints() {
    }

    /**
     * Whether the scopes are a sweep, as {@code report} decides: every one kept, each has a size,
     * and retained bytes were measured (the harness does; scopes in a service do not). Several
     * runs of one sweep repeat each (name, size): then each point has several calls and a spread.
     */
    public static boolean isSweep(ReportAggregates aggregates) {
        return aggregates.rowsComplete() && !aggregates.rows().isEmpty()
                && aggregates.rows().stream().allMatch(row -> row.figures().size() > 0)
                && aggregates.rows().stream().anyMatch(row -> row.figures().hasRetainedBytes());
    }

    /** One summary per (name, size), named "NAME n=SIZE", in the order the scopes ended. */
    public static List<ScopeNameSummary> summaries(List<NamedScope> rows) {
        Map<String, List<NamedScope>> points = new LinkedHashMap<>();
        rows.forEach(row -> points.computeIfAbsent(row.name() + " n=" + row.figures().size(), k -> new ArrayList<>()).add(row));
        List<ScopeNameSummary> summaries = new ArrayList<>();
        points.forEach((name, scopes) -> summaries.add(summary(name, scopes)));
        return summaries;
    }

    private static ScopeNameSummary summary(String name, List<NamedScope> scopes) {
        long[] exact = scopes.stream().filter(s -> s.figures().hasAllocatedBytes())
                .mapToLong(s -> s.figures().allocatedBytes()).sorted().toArray();
        long total = 0;
        for (long value : exact) {
            total += value;
        }
        double mean = exact.length == 0 ? Double.NaN : total / (double) exact.length;
        double squares = 0;
        for (long value : exact) {
            squares += (value - mean) * (value - mean);
        }
        double stdDev = exact.length < 2 ? Double.NaN : Math.sqrt(squares / (exact.length - 1));
        long sampled = scopes.stream().mapToLong(s -> s.figures().sampledBytes()).sum();
        long weight = scopes.stream().mapToLong(s -> s.figures().sampleWeight()).sum();
        long weightInclusive = scopes.stream().filter(s -> s.figures().hasAllocatedBytes())
                .mapToLong(s -> s.figures().sampleWeightInclusive()).sum();
        long samples = scopes.stream().mapToLong(s -> s.figures().samples()).sum();
        boolean nested = scopes.stream().anyMatch(s -> s.figures().includesNested());
        return new ScopeNameSummary(-1, name, scopes.size(), exact.length, total, mean,
                exact.length == 0 ? -1 : percentile(exact, 0.50), exact.length == 0 ? -1 : percentile(exact, 0.99),
                sampled, -1, -1, false, weight, weightInclusive, samples, nested, stdDev);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

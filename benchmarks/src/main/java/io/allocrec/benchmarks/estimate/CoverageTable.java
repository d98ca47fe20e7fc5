package io.allocrec.benchmarks.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The evaluation's table: per workload and over all, how often the interval holds the exact total,
 * and its median half-width (relative to the exact bytes) for names with at least 100 and at least
 * 1,000 samples, beside the median error of the figure and of the landed weight.
 */
final class CoverageTable {

    private CoverageTable() {
    }

    static String markdown(List<NameResult> results) {
        Map<String, List<NameResult>> byWorkload = new LinkedHashMap<>();
        for (NameResult result : results) {
            byWorkload.computeIfAbsent(result.workload(), key -> new ArrayList<>()).add(result);
        }
        StringBuilder out = new StringBuilder();
        out.append("| workload | (name, run) pairs | interval holds | proven intervals | median half-width, >= 100 samples "
                + "| median half-width, >= 1,000 samples | median error of the figure, >= 100 samples "
                + "| median error of the landed weight, >= 100 samples |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byWorkload.forEach((workload, rows) -> out.append(row(workload, rows)));
        if (byWorkload.size() > 1) {
            out.append(row("all", results));
        }
        return out.toString();
    }

    private static String row(String label, List<NameResult> rows) {
        long holds = rows.stream().filter(NameResult::holds).count();
        long proven = rows.stream().filter(NameResult::proven).count();
        Predicate<NameResult> hundred = r -> r.samples() >= 100;
        Predicate<NameResult> thousand = r -> r.samples() >= 1000;
        return String.format(Locale.ROOT, "| %s | %d | %d (%.0f%%) | %d | %s | %s | %s | %s |%n", label, rows.size(), holds,
                100.0 * holds / rows.size(), proven,
                median(rows, hundred, NameResult::relativeHalfWidth),
                median(rows, thousand, NameResult::relativeHalfWidth),
                median(rows, hundred, r -> r.relativeError(r.sampledBytes())),
                median(rows, hundred, r -> r.relativeError(r.landedBytes())));
    }

    private static String median(List<NameResult> rows, Predicate<NameResult> which,
                                 java.util.function.ToDoubleFunction<NameResult> value) {
        double[] values = rows.stream().filter(which).mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f%% (%d)", 100 * median(values), values.length);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Medians of the half-width for the pairs with at least {@code samples} samples. */
    static double medianHalfWidth(List<NameResult> rows, long samples) {
        double[] values = rows.stream().filter(r -> r.samples() >= samples)
                .mapToDouble(NameResult::relativeHalfWidth).sorted().toArray();
        return values.length == 0 ? Double.NaN : median(values);
    }

    static double coverage(List<NameResult> rows) {
        return rows.stream().filter(NameResult::holds).count() / (double) rows.size();
    }

    /** One line per pair, for reading a table's causes. */
    static String details(List<NameResult> rows) {
        return rows.stream().map(r -> String.format(Locale.ROOT,
                "%-18s %d %-14s exact %,15d  figure %+7.1f%%  interval %+7.1f%% .. %s %s  samples %5d  landed %+7.1f%%",
                r.workload(), r.seed(), r.name(), r.exactBytes(), pct(r.sampledBytes(), r.exactBytes()),
                pct(r.low(), r.exactBytes()), r.high() < 0 ? "open" : String.format(Locale.ROOT, "%+.1f%%",
                        pct(r.high(), r.exactBytes())), r.proven() ? "proven" : (r.holds() ? "holds" : "MISSES"),
                r.samples(), pct(r.landedBytes(), r.exactBytes())))
                .collect(Collectors.joining("\n"));
    }

    private static double pct(long value, long exact) {
        return exact == 0 ? (value == 0 ? 0 : Double.POSITIVE_INFINITY) : 100.0 * (value - exact) / exact;
    }

}

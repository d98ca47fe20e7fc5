package io.allocrec.analyzer.aggregate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of a budget file: a scope name may allocate at most {@code limit} of a metric.
 *
 * @param line the line of the budget file, for messages
 */
public record Budget(String scope, Metric metric, long limit, long line) {

    /** What a budget limits. */
    public enum Metric {
        /** Bytes per call, mean: exact where every call has a figure, else the sampled estimate. */
        mean_bytes("B"),
        /** Bytes per call, 99th percentile: exact figures only. */
        p99_bytes("B"),
        /** Bytes over all calls: exact where every call has a figure, else the sampled estimate. */
        total_bytes("B"),
        /** How many calls. */
        calls("calls");

        private final String unit;

        Metric(String unit) {
            this.unit = unit;
        }

        public String unit() {
            return unit;
        }

        public static Optional<Metric> named(String name) {
            return Arrays.stream(values()).filter(m -> m.name().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    /**
     * The budget's figure for one scope name.
     *
     * @param value the figure; empty when the name has no such figure (p99 of sampled-only calls)
     * @param exact whether it is exact (the threads' allocation counters, or a count of calls)
     */
    public record Figure(Optional<Double> value, boolean exact) {
    }

    public Figure figureOf(ScopeNameSummary s) {
        return switch (metric) {
            case mean_bytes -> new Figure(Optional.of(s.meanPerCall()), s.meanIsExact());
            case total_bytes -> new Figure(Optional.of(s.meanIsExact() ? (double) s.exactTotal() : (double) s.sampledBytes()),
                    s.meanIsExact());
            case p99_bytes -> s.meanIsExact() ? new Figure(Optional.of((double) s.exactP99()), true)
                    : new Figure(Optional.empty(), false);
            case calls -> new Figure(Optional.of((double) s.calls()), true);
        };
    }
}

package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code report.json}: the per-name summary, machine-readable. Each key names its unit
 * ({@code _bytes}, {@code _calls}) and whether it is exact ({@code allocated_bytes_*}: the
 * threads' allocation counters) or sampled ({@code sampled_bytes*}: estimated from JFR's allocation
 * samples, with a 95% interval); a figure that does not exist is null, never 0.
 */
public final class ReportJson {

    private ReportJson() {
    }

    /**
     * @param scopeCount   scopes in the recordings
     * @param sampleCount  allocation samples in them
     * @param sampledBytes summed sample weights
     */
    public static void write(List<ScopeNameSummary> names, long scopeCount, long sampleCount, long sampledBytes,
                             Writer out) throws IOException {
        out.write("{\n");
        out.write("  \"format\": \"allocrec-report-1\",\n");
        out.write("  \"units\": \"bytes are bytes; allocated_bytes_* are exact (thread allocation counters, nested "
                + "scopes included); sampled_* are estimates from JFR allocation samples, nested scopes excluded, "
                + "with an interval in sampled_bytes_low..sampled_bytes_high: sampled_interval 'estimate' for the "
                + "estimator's 95% interval, 'proven' for the scopes' proven bounds summed (always holds; high null "
                + "when unbounded); landed_sample_weight_bytes is the summed weights of the samples that landed in "
                + "the scopes, what the flame graph, stacks.collapsed and allocations.pb.gz add up (where samples land "
                + "out of proportion to bytes it differs from sampled_bytes, the estimate)\",\n");
        out.write("  \"scope_count\": " + scopeCount + ",\n");
        out.write("  \"sample_count\": " + sampleCount + ",\n");
        out.write("  \"sampled_bytes_total\": " + sampledBytes + ",\n");
        out.write("  \"scopes\": [");
        for (int i = 0; i < names.size(); i++) {
            out.write(i == 0 ? "\n" : ",\n");
            write(names.get(i), out);
        }
        out.write(names.isEmpty() ? "]\n" : "\n  ]\n");
        out.write("}\n");
    }

    private static void write(ScopeNameSummary s, Writer out) throws IOException {
        boolean exact = s.exactCalls() > 0;
        out.write("    {\"scope\": " + JsonText.string(s.name())
                + ", \"calls\": " + s.calls()
                + ", \"exact_calls\": " + s.exactCalls()
                + ", \"allocated_bytes_total\": " + (exact ? Long.toString(s.exactTotal()) : "null")
                + ", \"allocated_bytes_mean\": " + (exact ? JsonText.number(s.exactMean()) : "null")
                + ", \"allocated_bytes_p50\": " + (exact ? JsonText.countOrNull(s.exactP50()) : "null")
                + ", \"allocated_bytes_p99\": " + (exact ? JsonText.countOrNull(s.exactP99()) : "null")
                + ", \"allocated_bytes_stddev\": " + (exact ? JsonText.number(s.exactStdDev()) : "null")
                + ", \"sampled_bytes\": " + s.sampledBytes()
                + ", \"sampled_bytes_low\": " + (s.hasInterval() ? Long.toString(s.sampledLow()) : "null")
                + ", \"sampled_bytes_high\": " + (s.hasHigh() ? Long.toString(s.sampledHigh()) : "null")
                + ", \"sampled_interval\": " + (s.hasInterval() ? JsonText.string(s.intervalKind()) : "null")
                + ", \"landed_sample_weight_bytes\": " + s.sampleWeight()
                + ", \"samples\": " + s.samples()
                + ", \"coverage_ratio\": " + (exact ? JsonText.number(s.coverage()) : "null")
                + ", \"includes_nested\": " + s.hasNested()
                + "}");
    }
}

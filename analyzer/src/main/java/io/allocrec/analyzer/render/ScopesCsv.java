package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ClassTally;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code scopes.csv}: one row per scope name. {@code allocated_bytes_*} are exact (from the
 * scopes' own counter, nested scopes included when {@code includes_nested} is yes) over the
 * {@code exact_calls} that have a figure; {@code sampled_bytes} and the top classes and sites
 * are sampled, nested scopes excluded: {@code sampled_bytes} is the estimator's figure and
 * {@code sampled_bytes_low} .. {@code sampled_bytes_high} its interval, which {@code sampled_interval}
 * says is the estimator's 95% one ({@code estimate}) or the proven one ({@code proven}: the scopes'
 * proven bounds summed, where the estimator could not fit the name; its high end is empty when a
 * scope came after its thread's last sample); {@code landed_sample_weight} sums the weights of the
 * samples that landed in these scopes (biased where samples land: what the flame graph shows);
 * {@code coverage} is that landed weight / exact over the calls with both.
 */
public final class ScopesCsv {

    public static final String[] HEADER = {
        "scope", "calls", "exact_calls", "allocated_bytes_total", "allocated_bytes_mean", "allocated_bytes_p50",
        "allocated_bytes_p99", "sampled_bytes", "sampled_bytes_low", "sampled_bytes_high", "sampled_interval",
        "landed_sample_weight",
        "samples", "coverage", "includes_nested", "top_classes", "top_sites"
    };

    private static final int TOP = 3;

    private ScopesCsv() {
    }

    public static void write(List<ScopeNameSummary> summaries, ClassTally tally, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ScopeNameSummary s : summaries) {
                boolean exact = s.exactCalls() > 0;
                csv.printRecord(
                        s.name(), s.calls(), s.exactCalls(),
                        exact ? Long.toString(s.exactTotal()) : "",
                        exact ? Long.toString(Math.round(s.exactMean())) : "",
                        exact ? Long.toString(s.exactP50()) : "",
                        exact ? Long.toString(s.exactP99()) : "",
                        s.sampledBytes(),
                        s.hasInterval() ? Long.toString(s.sampledLow()) : "",
                        s.hasHigh() ? Long.toString(s.sampledHigh()) : "",
                        s.intervalKind(),
                        s.sampleWeight(), s.samples(),
                        exact ? String.format(Locale.ROOT, "%.4f", s.coverage()) : "",
                        s.hasNested() ? "yes" : "no",
                        top(tally.topClasses(s.nameId(), TOP)),
                        top(tally.topSites(s.nameId(), TOP)));
            }
        }
    }

    private static String top(List<ClassTally.Entry> entries) {
        return entries.stream().map(e -> e.what() + "=" + e.sampledBytes()).collect(Collectors.joining("; "));
    }
}

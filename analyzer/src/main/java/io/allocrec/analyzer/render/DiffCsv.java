package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScopeDiff;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code diff.csv}: one row per scope name. Means are bytes per call, exact when {@code exact} is
 * yes (every call had the thread's allocation counter), otherwise sampled estimates;
 * {@code change} is new/base - 1 and {@code change_low}..{@code change_high} its 99% interval.
 * Empty cells are figures that do not exist (a name on one side only, percentiles of sampled means).
 */
public final class DiffCsv {

    public static final String[] HEADER = {
        "scope", "verdict", "exact", "base_calls", "new_calls", "base_mean_bytes", "new_mean_bytes", "base_p50_bytes",
        "new_p50_bytes", "base_p99_bytes", "new_p99_bytes", "change", "change_low", "change_high"
    };

    private DiffCsv() {
    }

    public static void write(List<ScopeDiff> diffs, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ScopeDiff d : diffs) {
                csv.printRecord(d.scope(), d.verdict(), d.exact() ? "yes" : "no", d.baseCalls(), d.newCalls(),
                        decimal(d.baseMean(), 1), decimal(d.newMean(), 1), count(d.baseP50()), count(d.newP50()),
                        count(d.baseP99()), count(d.newP99()), decimal(d.change(), 6), decimal(d.changeLow(), 6),
                        decimal(d.changeHigh(), 6));
            }
        }
    }

    private static String decimal(double value, int digits) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    private static String count(long value) {
        return value < 0 ? "" : Long.toString(value);
    }
}

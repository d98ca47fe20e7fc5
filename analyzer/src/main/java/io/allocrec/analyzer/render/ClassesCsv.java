package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ClassTally;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code classes.csv}: per scope name, the sampled bytes of each allocated class, largest first. */
public final class ClassesCsv {

    public static final String[] HEADER = {"scope", "class", "sampled_bytes", "samples", "share_of_scope_sampled"};

    private ClassesCsv() {
    }

    public static void write(List<ClassTally.Entry> entries, Writer out) throws IOException {
        Map<String, Long> scopeTotals = new HashMap<>();
        entries.forEach(e -> scopeTotals.merge(e.scope(), e.sampledBytes(), Long::sum));
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ClassTally.Entry e : entries) {
                long total = scopeTotals.get(e.scope());
                csv.printRecord(e.scope(), e.what(), e.sampledBytes(), e.samples(),
                        total > 0 ? String.format(Locale.ROOT, "%.4f", e.sampledBytes() / (double) total) : "");
            }
        }
    }
}

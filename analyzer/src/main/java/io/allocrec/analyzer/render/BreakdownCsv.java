package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.Breakdown;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code breakdown.csv}: per scenario, size and class, the retained bytes per element (exact: JOL's
 * class histogram of the live structure, divided by the size), and the instances per element.
 * A scenario's rows at one size add up to its retained bytes per element.
 */
public final class BreakdownCsv {

    public static final String[] HEADER = {"scenario", "size", "class", "bytes_per_element", "instances_per_element",
        "bytes"};

    private BreakdownCsv() {
    }

    public static void write(Breakdown breakdown, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Breakdown.Share s : breakdown.all()) {
                csv.printRecord(s.scenario(), s.size(), s.className(),
                        String.format(Locale.ROOT, "%.4f", s.bytesPerElement()),
                        String.format(Locale.ROOT, "%.4f", s.instancesPerElement()), s.bytes());
            }
        }
    }
}

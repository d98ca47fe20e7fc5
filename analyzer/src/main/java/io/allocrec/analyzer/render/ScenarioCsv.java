package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.load.ScopeEvent;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code scenarios.csv}: one row per scenario run, in recording order. Byte columns are plain
 * integers; a figure the recording does not have is an empty cell, never -1.
 *
 * <ul>
 *   <li>{@code allocated_bytes}: exact, from the thread's allocation counter, nested scopes included;
 *   <li>{@code retained_bytes}: exact live-heap growth while the result was reachable;
 *   <li>{@code sampled_bytes}, {@code samples}: estimated from {@code jdk.ObjectAllocationSample},
 *       nested scopes excluded; {@code sampled_bytes_inclusive} includes them, to compare with
 *       {@code allocated_bytes}.
 * </ul>
 */
public final class ScenarioCsv {

    public static final String[] HEADER = {
        "scenario", "size", "payload_bytes", "allocated_bytes", "retained_bytes", "overhead_ratio",
        "sampled_bytes", "samples", "duration_ns", "sampled_bytes_inclusive", "depth", "thread", "start_time"
    };

    private ScenarioCsv() {
    }

    public static void write(List<ScenarioRow> rows, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ScenarioRow row : rows) {
                ScopeEvent event = row.event();
                csv.printRecord(
                        event.name(),
                        event.size(),
                        event.payloadBytes(),
                        knownBytes(event.allocatedBytes()),
                        knownBytes(event.retainedBytes()),
                        row.overheadRatio().isPresent() ? String.format(Locale.ROOT, "%.6f", row.overheadRatio().getAsDouble()) : "",
                        row.scope().sampledBytes(),
                        row.scope().samples(),
                        event.durationNanos(),
                        row.scope().sampledBytesInclusive(),
                        row.scope().depth(),
                        event.threadName(),
                        Instant.ofEpochSecond(0, event.startNanos()).toString());
            }
        }
    }

    private static String knownBytes(long bytes) {
        return bytes < 0 ? "" : Long.toString(bytes);
    }
}

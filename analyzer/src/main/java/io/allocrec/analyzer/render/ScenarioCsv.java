package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.aggregate.SweepTimes;
import io.allocrec.analyzer.attribute.FinishedScope;
import io.allocrec.analyzer.load.SweepTiming;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code scenarios.csv}: one row per scope, in the order they ended. Byte columns are plain
 * integers; a figure the recording does not have is an empty cell, never -1.
 *
 * <ul>
 *   <li>{@code allocated_bytes}: exact, from the thread's allocation counter, nested scopes included;
 *   <li>{@code retained_bytes}: exact live-heap growth while the result was reachable;
 *   <li>{@code sampled_bytes}, {@code samples}: estimated from the allocation samples, nested scopes
 *       excluded; {@code sampled_bytes_low} and {@code sampled_bytes_high} are what the samples
 *       prove, also nested scopes excluded; {@code sampled_bytes_inclusive} includes them, to
 *       compare with {@code allocated_bytes};
 *   <li>{@code insert_ns_per_element}, {@code lookup_ns_per_element}: the harness's timing of building
 *       the structure and of looking every key up once, per element, with the error it states;
 *       measured apart from the allocation figures, empty where the size was not timed.
 * </ul>
 */
public final class ScenarioCsv {

    public static final String[] HEADER = {
        "scenario", "size", "payload_bytes", "allocated_bytes", "retained_bytes", "overhead_ratio",
        "sampled_bytes", "sampled_bytes_low", "sampled_bytes_high", "samples", "duration_ns",
        "sampled_bytes_inclusive", "includes_nested", "thread", "start_time", "insert_ns_per_element",
        "insert_ns_error", "lookup_ns_per_element", "lookup_ns_error"
    };

    private ScenarioCsv() {
    }

    public static void write(List<ScenarioRow> rows, Writer out) throws IOException {
        write(rows, new SweepTimes(List.of()), out);
    }

    /** With the sweep's timings (empty cells where a scenario and size was not timed). */
    public static void write(List<ScenarioRow> rows, SweepTimes times, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ScenarioRow row : rows) {
                FinishedScope scope = row.scope().figures();
                csv.printRecord(
                        row.scope().name(),
                        scope.size(),
                        scope.payloadBytes(),
                        knownBytes(scope.allocatedBytes()),
                        knownBytes(scope.retainedBytes()),
                        row.overheadRatio().isPresent() ? String.format(Locale.ROOT, "%.6f", row.overheadRatio().getAsDouble()) : "",
                        scope.sampledBytes(),
                        scope.sampledLow(),
                        knownBytes(scope.sampledHigh()),
                        scope.samples(),
                        scope.durationNanos(),
                        scope.sampledBytesInclusive(),
                        scope.includesNested() ? "yes" : "no",
                        scope.threadName(),
                        Instant.ofEpochSecond(0, scope.startNanos()).toString(),
                        nanos(times.of(row.scope().name(), scope.size(), SweepTimes.INSERT).map(SweepTiming::nanosPerElement)),
                        nanos(times.of(row.scope().name(), scope.size(), SweepTimes.INSERT).map(SweepTiming::error)),
                        nanos(times.of(row.scope().name(), scope.size(), SweepTimes.LOOKUP).map(SweepTiming::nanosPerElement)),
                        nanos(times.of(row.scope().name(), scope.size(), SweepTimes.LOOKUP).map(SweepTiming::error)));
            }
        }
    }

    private static String nanos(Optional<Double> value) {
        return value.filter(Double::isFinite).map(v -> String.format(Locale.ROOT, "%.3f", v)).orElse("");
    }

    private static String knownBytes(long bytes) {
        return bytes < 0 ? "" : Long.toString(bytes);
    }
}

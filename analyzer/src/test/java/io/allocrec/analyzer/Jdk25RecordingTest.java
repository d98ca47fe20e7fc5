package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings made on JDK 25: jdk.MethodTrace events as scopes (--scope-event, with no allocrec
 * code in the traced methods), and allocrec scopes on a virtual thread, which have no exact
 * figure and fall back to sampled ones. Skipped, saying so, where no JDK 25 is installed.
 */
class Jdk25RecordingTest {

    private static final String WORKLOAD = Jdk25Workload.class.getName();

    @TempDir
    static Path folder;

    private static Path recording;

    @BeforeAll
    static void recordOnJdk25() throws Exception {
        recording = Jdk25Recordings.record(folder);
        Assumptions.assumeTrue(recording != null,
                "no JDK 25 found (looked under /usr/lib/jvm and $JDK25_HOME): JDK 25 recordings not tested");
    }

    @Test
    void methodTraceEventsAreScopesNamedByMethod() throws IOException {
        Path out = folder.resolve("method-trace");
        ReportRun run = ReportRun.of("report", recording.toString(), "--scope-event", "jdk.MethodTrace",
                "--label", "method", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        CsvRows scopes = CsvRows.read(out.resolve("scopes.csv"));
        CSVRecord order = scopes.only(WORKLOAD + ".handleOrder");
        CSVRecord search = scopes.only(WORKLOAD + ".handleSearch");
        assertEquals(Jdk25Workload.CALLS, Long.parseLong(order.get("calls")));
        assertEquals(Jdk25Workload.CALLS, Long.parseLong(search.get("calls")));
        assertEquals("0", order.get("exact_calls"), "jdk.MethodTrace has no exact allocation figure");
        long orderBytes = (long) Jdk25Workload.CALLS * Jdk25Workload.ORDER_ARRAYS * 1016;
        long searchBytes = (long) Jdk25Workload.CALLS * Jdk25Workload.SEARCH_ARRAYS * 1016;
        long sampledTotal = Long.parseLong(order.get("sampled_bytes")) + Long.parseLong(search.get("sampled_bytes"));
        assertTrue(Math.abs(sampledTotal - (orderBytes + searchBytes)) <= 0.15 * (orderBytes + searchBytes),
                "sampled " + sampledTotal + " vs allocated " + (orderBytes + searchBytes));
        assertTrue(Long.parseLong(order.get("sampled_bytes")) > Long.parseLong(search.get("sampled_bytes")));
    }

    @Test
    void scopesOnAVirtualThreadFallBackToSampledFigures() throws IOException {
        Path out = folder.resolve("virtual");
        ReportRun run = ReportRun.of("report", recording.toString(), "--group-by", "name", "--scenarios-csv", "yes",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        CSVRecord jobs = CsvRows.read(out.resolve("scopes.csv")).only("virtual-job");
        assertEquals(Jdk25Workload.VIRTUAL_JOBS, Long.parseLong(jobs.get("calls")));
        assertEquals("0", jobs.get("exact_calls"), "the JVM gives no per-thread count for a virtual thread");
        assertEquals("", jobs.get("allocated_bytes_mean"));
        long allocated = (long) Jdk25Workload.VIRTUAL_JOBS * Jdk25Workload.VIRTUAL_JOB_ARRAYS * 1016;
        long sampled = Long.parseLong(jobs.get("sampled_bytes"));
        assertTrue(Math.abs(sampled - allocated) <= 0.15 * allocated, "sampled " + sampled + " vs " + allocated);
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("virtual-job") && line.contains("sampled")),
                run.out());
        CSVRecord row = CsvRows.read(out.resolve("scenarios.csv")).rows().stream()
                .filter(r -> r.get("scenario").equals("virtual-job")).findFirst().orElseThrow();
        assertEquals("", row.get("allocated_bytes"), "unknown, not -1");
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples go to the innermost scope open on their own thread: a real recording with nested
 * scopes on one thread and a second thread whose scope overlaps in time but allocates nothing.
 */
class AttributionTest {

    private static final int MIB = 1024 * 1024;

    private static volatile byte[] sink;

    @TempDir
    static Path folder;

    private static CsvRows csv;

    @BeforeAll
    static void recordNestedAndConcurrentScopes() throws Exception {
        Path recording = TestRecordings.record(folder.resolve("nested.jfr"), () -> {
            CountDownLatch idleOpen = new CountDownLatch(1);
            CountDownLatch busyDone = new CountDownLatch(1);
            Thread idle = new Thread(() -> {
                try (AllocationScope scope = AllocationScope.open("idle")) {
                    idleOpen.countDown();
                    busyDone.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "idle-thread");
            idle.start();
            idleOpen.await();
            // Samples before and after the scopes: without them, what a scope allocated at most is unknown.
            allocate(4 * MIB);
            try (AllocationScope outer = AllocationScope.open("outer")) {
                allocate(12 * MIB);
                try (AllocationScope inner = AllocationScope.open("inner, \"quoted\"")) {
                    allocate(24 * MIB);
                }
                allocate(12 * MIB);
            }
            allocate(4 * MIB);
            busyDone.countDown();
            idle.join();
            Thread busy = new Thread(() -> {
                try (AllocationScope scope = AllocationScope.open("other-thread")) {
                    allocate(16 * MIB);
                }
                // A thread's last TLAB before it ends is never sampled; like a pool thread, keep going.
                allocate(4 * MIB);
            }, "busy-thread");
            busy.start();
            busy.join();
        });
        ReportRun run = ReportRun.of("report", recording.toString(), "--out", folder.resolve("report").toString());
        assertEquals(0, run.exitCode(), run.err());
        csv = CsvRows.read(folder.resolve("report/scenarios.csv"));
    }

    @Test
    void innerScopeGetsItsOwnSamplesAndQuotedNameSurvives() {
        CSVRecord inner = csv.only("inner, \"quoted\"");
        assertEquals("no", inner.get("includes_nested"));
        assertWithin(24 * MIB, CsvRows.bytes(inner, "sampled_bytes"), 0.08, inner);
        assertWithin(24 * MIB, CsvRows.bytes(inner, "allocated_bytes"), 0.01, inner);
    }

    @Test
    void theExactFigureLiesWithinTheBoundsTheSamplesProve() {
        CSVRecord inner = csv.only("inner, \"quoted\"");
        long innerExact = CsvRows.bytes(inner, "allocated_bytes");
        assertBetween(CsvRows.bytes(inner, "sampled_bytes_low"), innerExact, high(inner), inner);
        // The outer scope's own bytes, its inner scope's taken out: the exact counter's difference.
        CSVRecord outer = csv.only("outer");
        long outerOwn = CsvRows.bytes(outer, "allocated_bytes") - innerExact;
        assertBetween(CsvRows.bytes(outer, "sampled_bytes_low"), outerOwn, high(outer), outer);
        CSVRecord other = csv.only("other-thread");
        assertBetween(CsvRows.bytes(other, "sampled_bytes_low"), CsvRows.bytes(other, "allocated_bytes"),
                high(other), other);
        // Bounds that prove something: within a TLAB (1 MiB here) or two of the truth on each side.
        assertTrue(CsvRows.bytes(inner, "sampled_bytes_high") - CsvRows.bytes(inner, "sampled_bytes_low") <= 4 * MIB, inner.toString());
    }

    @Test
    void outerScopeSampledExcludesTheInnerOneWhileItsExactFigureIncludesIt() {
        CSVRecord outer = csv.only("outer");
        assertEquals("yes", outer.get("includes_nested"));
        assertWithin(24 * MIB, CsvRows.bytes(outer, "sampled_bytes"), 0.08, outer);
        assertWithin(48 * MIB, CsvRows.bytes(outer, "sampled_bytes_inclusive"), 0.05, outer);
        assertWithin(48 * MIB, CsvRows.bytes(outer, "allocated_bytes"), 0.01, outer);
    }

    @Test
    void anIdleScopeOnAnotherThreadGetsNoneOfTheBusyThreadsSamples() {
        CSVRecord idle = csv.only("idle");
        assertEquals("idle-thread", idle.get("thread"));
        assertEquals("0", idle.get("samples"));
        assertTrue(CsvRows.bytes(idle, "sampled_bytes") < MIB, idle.toString());
        assertTrue(CsvRows.bytes(idle, "allocated_bytes") < 64 * 1024, idle.toString());
    }

    @Test
    void aScopeOnANewThreadIsMeasuredOnThatThread() {
        CSVRecord other = csv.only("other-thread");
        assertEquals("busy-thread", other.get("thread"));
        assertWithin(16 * MIB, CsvRows.bytes(other, "allocated_bytes"), 0.01, other);
        assertWithin(16 * MIB, CsvRows.bytes(other, "sampled_bytes"), 0.08, other);
    }

    private static void assertBetween(long low, long value, long high, CSVRecord row) {
        assertTrue(low <= value && value <= high, low + " <= " + value + " <= " + high + " fails: " + row);
    }

    private static long high(CSVRecord row) {
        assertTrue(!row.get("sampled_bytes_high").isEmpty(), "no upper bound: " + row);
        return CsvRows.bytes(row, "sampled_bytes_high");
    }

    private static void assertWithin(long expected, long actual, double tolerance, CSVRecord row) {
        assertTrue(Math.abs(actual - expected) <= tolerance * expected,
                "expected " + expected + " within " + tolerance * 100 + "%, got " + actual + ": " + row);
    }

    /** Allocates {@code bytes} as 1 KiB arrays that die young. */
    private static void allocate(long bytes) {
        // Each array escapes to a volatile field: C2 may drop an allocation nobody reads.
        for (long done = 0; done < bytes; done += 1040) {
            sink = new byte[1024];
        }
    }
}

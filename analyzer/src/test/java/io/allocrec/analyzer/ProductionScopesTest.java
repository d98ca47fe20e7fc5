package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scopes as a service uses them: many calls per name on several threads, nested scopes, a
 * service's own duration event taken as the scope, and several recordings read as one.
 */
class ProductionScopesTest {

    private static final int THREADS = 3;
    private static final int CALLS_PER_THREAD = 40;
    private static final int ORDERS_BYTES = 400 * 1024;
    private static final int DB_BYTES = 100 * 1024;
    private static final int HEALTH_BYTES = 4 * 1024;

    /** A service's own request event, with no allocrec fields. */
    @Name("shop.Request")
    @Label("Request")
    @Category("Shop")
    static final class RequestEvent extends Event {
        @Label("Endpoint")
        String endpoint;
    }

    private static volatile byte[] sink;

    @TempDir
    static Path folder;

    private static Path first;
    private static Path second;

    @BeforeAll
    static void recordTwoServiceRuns() throws Exception {
        first = TestRecordings.record(folder.resolve("service-1.jfr"), ProductionScopesTest::serve);
        second = TestRecordings.record(folder.resolve("service-2.jfr"), ProductionScopesTest::serve);
    }

    @Test
    void repeatedNamesAreAggregatedWithExactPerCallFigures() throws Exception {
        Path out = folder.resolve("grouped");
        ReportRun run = ReportRun.of("report", first.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        CsvRows scopes = CsvRows.read(out.resolve("scopes.csv"));

        CSVRecord orders = scopes.only("GET /orders");
        assertEquals(THREADS * CALLS_PER_THREAD, Long.parseLong(orders.get("calls")));
        assertEquals(orders.get("calls"), orders.get("exact_calls"));
        // Exact and inclusive: the nested "db" scope's bytes are part of it, and it says so.
        assertWithin(ORDERS_BYTES + DB_BYTES, Long.parseLong(orders.get("allocated_bytes_mean")), 0.02);
        assertWithin(ORDERS_BYTES + DB_BYTES, Long.parseLong(orders.get("allocated_bytes_p50")), 0.02);
        assertTrue(Long.parseLong(orders.get("allocated_bytes_p99")) >= Long.parseLong(orders.get("allocated_bytes_p50")));
        assertEquals("yes", orders.get("includes_nested"));
        assertTrue(orders.get("top_classes").startsWith("byte[]="), orders.get("top_classes"));
        assertTrue(orders.get("top_sites").contains("ProductionScopesTest.allocate"), orders.get("top_sites"));

        CSVRecord db = scopes.only("db");
        assertEquals("no", db.get("includes_nested"));
        assertWithin(DB_BYTES, Long.parseLong(db.get("allocated_bytes_mean")), 0.02);

        // Sampled bytes exclude nested scopes: over all calls they add up to about the exact total.
        long sampled = scopes.rows().stream().mapToLong(r -> Long.parseLong(r.get("sampled_bytes"))).sum();
        long exactTopLevel = Long.parseLong(orders.get("allocated_bytes_total"))
                + Long.parseLong(scopes.only("GET /health").get("allocated_bytes_total"));
        assertWithin(exactTopLevel, sampled, 0.10);

        CsvRows classes = CsvRows.read(out.resolve("classes.csv"));
        assertTrue(classes.rows().stream().anyMatch(r -> r.get("scope").equals("GET /orders")
                && r.get("class").equals("byte[]")), classes.rows().toString());
        BufferedImage chart = ImageIO.read(out.resolve("scopes.png").toFile());
        assertTrue(chart.getWidth() >= 1000 && chart.getHeight() >= 600);
        assertTrue(run.out().contains("GET /orders*"), "marks names whose exact figure includes nested scopes: " + run.out());
    }

    @Test
    void anyDurationEventCanBeTheScopeAndFallsBackToSampledFigures() throws Exception {
        Path out = folder.resolve("custom");
        ReportRun run = ReportRun.of("report", first.toString(), "--scope-event", "shop.Request", "--label", "endpoint",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        CsvRows scopes = CsvRows.read(out.resolve("scopes.csv"));
        CSVRecord orders = scopes.only("/orders");
        assertEquals("0", orders.get("exact_calls"));
        assertEquals("", orders.get("allocated_bytes_mean"));
        long expectedTotal = (long) THREADS * CALLS_PER_THREAD * (ORDERS_BYTES + DB_BYTES);
        assertWithin(expectedTotal, Long.parseLong(orders.get("sampled_bytes")), 0.10);
        // About a hundred samples: too few for the estimator, so the interval is the proven one, and holds.
        assertEquals("proven", orders.get("sampled_interval"));
        assertTrue(Long.parseLong(orders.get("sampled_bytes_low")) <= expectedTotal, orders.toString());
        assertTrue(expectedTotal <= Long.parseLong(orders.get("sampled_bytes_high")), orders.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("/orders") && line.contains("sampled")), run.out());
    }

    @Test
    void severalRecordingsAndFoldersAreReadAsOne() throws Exception {
        Path out = folder.resolve("both");
        ReportRun run = ReportRun.of("report", first.toString(), second.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2L * THREADS * CALLS_PER_THREAD,
                Long.parseLong(CsvRows.read(out.resolve("scopes.csv")).only("GET /orders").get("calls")));

        // The same recording given twice is read once, as JMC's loader does: no call counted twice.
        Path twice = folder.resolve("twice");
        ReportRun twiceRun = ReportRun.of("report", first.toString(), first.toString(), "--out", twice.toString());
        assertEquals(0, twiceRun.exitCode(), twiceRun.err());
        assertEquals((long) THREADS * CALLS_PER_THREAD,
                Long.parseLong(CsvRows.read(twice.resolve("scopes.csv")).only("GET /orders").get("calls")));

        Path repository = Files.createDirectory(folder.resolve("repository"));
        Files.copy(first, repository.resolve("a.jfr"));
        Files.copy(second, repository.resolve("b.jfr"));
        Path fromFolder = folder.resolve("from-folder");
        ReportRun folderRun = ReportRun.of("report", repository.toString(), "--out", fromFolder.toString());
        assertEquals(0, folderRun.exitCode(), folderRun.err());
        assertEquals(2L * THREADS * CALLS_PER_THREAD,
                Long.parseLong(CsvRows.read(fromFolder.resolve("scopes.csv")).only("GET /orders").get("calls")));
    }

    private static void serve() throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread worker = new Thread(() -> {
                for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    request("/orders", () -> {
                        allocate(ORDERS_BYTES / 2);
                        try (AllocationScope db = AllocationScope.open("db")) {
                            allocate(DB_BYTES);
                        }
                        allocate(ORDERS_BYTES / 2);
                    });
                    request("/health", () -> allocate(HEALTH_BYTES));
                }
                // A thread's last TLAB before it ends is never sampled; a pool thread goes on working.
                allocate(2 * 1024 * 1024);
            }, "worker-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void request(String endpoint, Runnable handler) {
        RequestEvent event = new RequestEvent();
        event.endpoint = endpoint;
        event.begin();
        try (AllocationScope scope = AllocationScope.open("GET " + endpoint)) {
            handler.run();
        }
        event.commit();
    }

    private static void allocate(int bytes) {
        // Each array escapes to a volatile field: C2 may drop an allocation nobody reads.
        for (int done = 0; done < bytes; done += 1040) {
            sink = new byte[1024];
        }
    }

    private static void assertWithin(long expected, long actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * expected,
                "expected " + expected + " within " + tolerance * 100 + "%, got " + actual);
    }
}

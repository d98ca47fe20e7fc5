package io.allocrec.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import io.allocrec.recorder.ScenarioEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AllocationMetrics against independent truth: each call's exact bytes measured with ThreadMXBean
 * inside the scope, compared with the lines of the real Prometheus scrape.
 */
class AllocationMetricsTest {

    private static final String HISTOGRAM = "allocrec_scope_allocated_bytes";
    private static final String PROBE = "probe";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Where the bodies put their arrays, so the JIT cannot drop the allocation. */
    static volatile Object sink;

    private PrometheusMeterRegistry registry;

    @BeforeEach
    void registry() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void scrapeCountsSumsAndBucketsAgreeWithThreadMxBean() throws Exception {
        List<Long> flat = new ArrayList<>();
        List<Long> outer = new ArrayList<>();
        List<Long> inner = new ArrayList<>();
        try (AllocationMetrics metrics = new AllocationMetrics()) {
            metrics.bindTo(registry);
            waitUntilStreaming();
            // 1,000 calls: 980 of about 1 KB, 15 of about 100 KB, 5 of about 1 MB, interleaved, so the
            // true p99 (the 990th smallest) is one of the 100 KB calls.
            for (int i = 0; i < 1000; i++) {
                int every200 = i % 200;
                int length = every200 == 7 ? 1_000_000 : every200 == 11 || every200 == 13 || every200 == 17 ? 100_000 : 1_000;
                flat.add(scopeAllocating("flat", length));
            }
            assertEquals(1000, flat.size());
            // Nested scopes: each is a call of its own; the outer one's bytes include the inner one's.
            for (int i = 0; i < 50; i++) {
                long[] innerBytes = new long[1];
                long before;
                long after;
                try (AllocationScope scope = AllocationScope.open("outer")) {
                    before = THREADS.getCurrentThreadAllocatedBytes();
                    sink = new byte[5_000];
                    innerBytes[0] = scopeAllocating("inner", 2_000 + 8 * i);
                    after = THREADS.getCurrentThreadAllocatedBytes();
                }
                outer.add(after - before);
                inner.add(innerBytes[0]);
            }
            PrometheusScrape scrape = scrapeWhenCounted(Map.of("flat", 1000, "outer", 50, "inner", 50));
            assertAgrees(scrape, "flat", flat);
            assertAgrees(scrape, "outer", outer);
            assertAgrees(scrape, "inner", inner);
        }
        assertFalse(PrometheusScrape.parse(registry.scrape()).hasAny(HISTOGRAM),
                "close() removes the meters from the registry");
    }

    @Test
    void scopeNamesBeyondTheCapAreFoldedIntoOtherWithOneLogLine() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(AllocationMetrics.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (AllocationMetrics metrics = new AllocationMetrics(6)) {
            metrics.bindTo(registry);
            waitUntilStreaming();
            long firstName3 = 0;
            for (int name = 1; name <= 5; name++) {
                long bytes = scopeAllocating("name-" + name, 100);
                firstName3 = name == 3 ? bytes : firstName3;
            }
            // The probe and these five are the first six names, whatever order the stream delivers in.
            scrapeWhenCounted(Map.of("name-1", 1, "name-2", 1, "name-3", 1, "name-4", 1, "name-5", 1));
            long otherBytes = 0;
            for (int name = 6; name <= 40; name++) {
                otherBytes += scopeAllocating("name-" + name, 200);
                otherBytes += scopeAllocating("name-" + name, 300);
            }
            long name3Again = scopeAllocating("name-3", 100);
            PrometheusScrape scrape = scrapeWhenCounted(Map.of("other", 70, "name-3", 2));
            assertEquals(Set.of(PROBE, "name-1", "name-2", "name-3", "name-4", "name-5", "other"), scrape.scopes(HISTOGRAM));
            assertEquals(otherBytes, scrape.value(HISTOGRAM + "_sum", "other"));
            assertEquals(firstName3 + name3Again, scrape.value(HISTOGRAM + "_sum", "name-3"), "a name within the cap stays its own");
        } finally {
            logger.removeHandler(handler);
        }
        List<LogRecord> aboutTheCap = logged.stream().filter(r -> r.getMessage().contains("scope names")).toList();
        assertEquals(1, aboutTheCap.size(), "one log line about the cap, not one per name or call");
        // The stream is unordered: the first name folded is one of the later 35, not always name-6.
        List<Object> parameters = Arrays.asList(aboutTheCap.get(0).getParameters());
        assertTrue(parameters.stream().anyMatch(p -> p instanceof String n && n.matches("name-([6-9]|[1-3][0-9]|40)")),
                "it names the first name folded: " + parameters);
    }

    @Test
    void worksWhileAnotherRecordingRunsAndAfterItStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.jfr");
        List<Long> bytes = new ArrayList<>();
        try (Recording other = new Recording()) {
            // Another user of the event with settings of its own, started before the binder.
            other.enable(ScenarioEvent.NAME).withThreshold(Duration.ZERO);
            other.enable("jdk.ObjectAllocationSample").withStackTrace();
            other.start();
            try (AllocationMetrics metrics = new AllocationMetrics()) {
                metrics.bindTo(registry);
                waitUntilStreaming();
                for (int i = 0; i < 20; i++) {
                    bytes.add(scopeAllocating("while-other", 10_000));
                }
                other.stop();
                other.dump(file);
                // The binder's own recording keeps the event enabled after the other one stopped.
                for (int i = 0; i < 20; i++) {
                    bytes.add(scopeAllocating("while-other", 20_000));
                }
                PrometheusScrape scrape = scrapeWhenCounted(Map.of("while-other", 40));
                assertAgrees(scrape, "while-other", bytes);
            }
        }
        // The other recording got its events, unchanged by the binder (read with the JDK's own reader).
        long inOther = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(ScenarioEvent.NAME))
                .filter(e -> "while-other".equals(e.getString("name")))
                .count();
        assertEquals(20, inOther);
    }

    @Test
    void aCallWithoutAnExactFigureIsCountedApartNotAsZeroBytes() throws Exception {
        try (AllocationMetrics metrics = new AllocationMetrics()) {
            metrics.bindTo(registry);
            waitUntilStreaming();
            long measured = scopeAllocating("handed-over", 4_000);
            // Closed on another thread: the scope cannot know the opener's bytes and records -1.
            AllocationScope handedOver = AllocationScope.open("handed-over");
            Thread closer = new Thread(handedOver::close);
            closer.start();
            closer.join();
            assertEquals(AllocationScope.UNKNOWN, handedOver.allocatedBytes());
            long deadline = System.nanoTime() + WAIT.toNanos();
            PrometheusScrape scrape;
            do {
                assertTrue(System.nanoTime() < deadline, "the unmeasured call was not counted:\n" + registry.scrape());
                Thread.sleep(50);
                scrape = PrometheusScrape.parse(registry.scrape());
            } while (!(scrape.value("allocrec_scope_unmeasured_total", "handed-over") >= 1));
            assertEquals(1, scrape.value("allocrec_scope_unmeasured_total", "handed-over"));
            assertEquals(1, scrape.value(HISTOGRAM + "_count", "handed-over"), "only the measured call is in the histogram");
            assertEquals(measured, scrape.value(HISTOGRAM + "_sum", "handed-over"));
        }
    }

    @Test
    void bindingTwiceOrAfterCloseIsRefused() {
        AllocationMetrics metrics = new AllocationMetrics();
        metrics.bindTo(registry);
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        metrics.close();
        metrics.close();
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        assertThrows(IllegalArgumentException.class, () -> new AllocationMetrics(0));
    }

    /** One scope named {@code name} around {@code new byte[length]}; its bytes by ThreadMXBean inside it. */
    private static long scopeAllocating(String name, int length) {
        long before;
        long after;
        try (AllocationScope scope = AllocationScope.open(name)) {
            before = THREADS.getCurrentThreadAllocatedBytes();
            sink = new byte[length];
            after = THREADS.getCurrentThreadAllocatedBytes();
        }
        return after - before;
    }

    /**
     * Binding starts the stream on a thread of its own, and a scope that closes before its recording
     * starts is not streamed: open probe scopes until one shows in the scrape.
     */
    private void waitUntilStreaming() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(PrometheusScrape.parse(registry.scrape()).value(HISTOGRAM + "_count", PROBE) >= 1)) {
            assertTrue(System.nanoTime() < deadline, "the binder's stream did not start");
            scopeAllocating(PROBE, 0);
            Thread.sleep(50);
        }
    }

    /** Scrapes until every scope has at least its count (the stream delivers about once a second). */
    private PrometheusScrape scrapeWhenCounted(Map<String, Integer> counts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            PrometheusScrape scrape = PrometheusScrape.parse(registry.scrape());
            boolean all = counts.entrySet().stream()
                    .allMatch(c -> scrape.value(HISTOGRAM + "_count", c.getKey()) >= c.getValue());
            if (all) {
                return scrape;
            }
            assertTrue(System.nanoTime() < deadline, "not counted within " + WAIT + ": " + counts + "\n" + registry.scrape());
            Thread.sleep(50);
        }
    }

    /**
     * Count and sum exactly; every bucket's cumulative count equals the calls at or below its bound;
     * and the bucket histogram_quantile(0.99) interpolates in holds the true p99.
     */
    private static void assertAgrees(PrometheusScrape scrape, String scope, List<Long> truth) {
        long[] sorted = truth.stream().mapToLong(Long::longValue).sorted().toArray();
        assertEquals(sorted.length, scrape.value(HISTOGRAM + "_count", scope), scope + ": count");
        assertEquals((double) Arrays.stream(sorted).sum(), scrape.value(HISTOGRAM + "_sum", scope), scope + ": sum");
        Map<Double, Double> buckets = scrape.buckets(HISTOGRAM, scope);
        assertTrue(buckets.size() > 50, scope + ": a percentile histogram, " + buckets.size() + " buckets");
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            long atOrBelow = Arrays.stream(sorted).filter(b -> b <= bucket.getKey()).count();
            assertEquals((double) atOrBelow, bucket.getValue(), scope + ": bucket le=" + bucket.getKey());
        }
        long trueP99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        double[] bracket = quantileBucket(buckets, 0.99);
        assertTrue(bracket[0] < trueP99 && trueP99 <= bracket[1], scope + ": true p99 " + trueP99
                + " B outside the bucket (" + bracket[0] + ", " + bracket[1] + "] histogram_quantile used");
        assertTrue(bracket[2] > bracket[0] && bracket[2] <= bracket[1], scope + ": estimate " + bracket[2]);
    }

    /** As PromQL's histogram_quantile: the (lower, upper] bucket the q-quantile falls in, and its estimate. */
    private static double[] quantileBucket(Map<Double, Double> cumulative, double q) {
        double total = cumulative.get(Double.POSITIVE_INFINITY);
        double rank = q * total;
        double lower = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                double upper = bucket.getKey();
                double estimate = lower + (upper - lower) * (rank - countBelow) / (bucket.getValue() - countBelow);
                return new double[] {lower, upper, estimate};
            }
            lower = bucket.getKey();
            countBelow = bucket.getValue();
        }
        throw new AssertionError("no bucket reaches rank " + rank);
    }

    @Test
    void theHistogramBucketsAreBounded() throws Exception {
        try (AllocationMetrics metrics = new AllocationMetrics()) {
            metrics.bindTo(registry);
            waitUntilStreaming();
            scopeAllocating("bounded", 10);
            Map<Double, Double> buckets = scrapeWhenCounted(Map.of("bounded", 1)).buckets(HISTOGRAM, "bounded");
            // From 64 B to 1 GiB, 9 bounds per factor of 4, and +Inf: 110 lines per scope name.
            List<Double> bounds = new ArrayList<>(buckets.keySet());
            assertEquals(110, bounds.size(), bounds.toString());
            assertEquals(64.0, bounds.get(0));
            assertEquals((double) (1L << 30), bounds.get(bounds.size() - 2));
            assertEquals(1.0, buckets.get(64.0), "a call below the smallest bound is in the first bucket");
        }
    }
}

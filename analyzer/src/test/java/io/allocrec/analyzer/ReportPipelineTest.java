package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.harness.CollectionScenario;
import io.allocrec.harness.KeyValueInputs;
import io.allocrec.harness.Scenarios;
import io.allocrec.harness.SweepRunner;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

/**
 * The whole pipeline on a real recording of a small sweep: the harness records, report
 * analyses, and the figures are checked against JOL and ThreadMXBean measured here, in the test.
 */
class ReportPipelineTest {

    private static final List<String> SCENARIOS = List.of("vec-pair", "hashmap", "treemap", "fastutil-long2object");
    private static final List<Integer> SIZES = List.of(10, 1_000, 100_000);

    @TempDir
    static Path folder;

    private static KeyValueInputs inputs;
    private static ReportRun run;
    private static CsvRows csv;

    @BeforeAll
    static void recordAndReport() throws Exception {
        inputs = KeyValueInputs.generate(100_000, KeyValueInputs.DEFAULT_SEED);
        SweepRunner runner = new SweepRunner(inputs, System.err);
        List<CollectionScenario> scenarios = Scenarios.named(SCENARIOS);
        runner.warmUp(scenarios);
        Path recording = TestRecordings.record(folder.resolve("sweep.jfr"), () -> runner.run(scenarios, SIZES));
        run = ReportRun.of("report", recording.toString(), "--out", folder.resolve("report").toString());
        assertEquals(0, run.exitCode(), run.err());
        csv = CsvRows.read(folder.resolve("report/scenarios.csv"));
    }

    @Test
    void csvStartsWithTheDocumentedHeaderAndHasOneRowPerRunInRecordingOrder() {
        assertEquals(List.of("scenario", "size", "payload_bytes", "allocated_bytes", "retained_bytes",
                "overhead_ratio", "sampled_bytes", "sampled_bytes_low", "sampled_bytes_high", "samples", "duration_ns"),
                csv.header().subList(0, 11));
        assertEquals(SCENARIOS.size() * SIZES.size(), csv.rows().size());
        int i = 0;
        for (String scenario : SCENARIOS) {
            for (int size : SIZES) {
                CSVRecord row = csv.rows().get(i++);
                assertEquals(scenario, row.get("scenario"));
                assertEquals(size, Long.parseLong(row.get("size")));
                assertEquals(size * KeyValueInputs.PAIR_BYTES, Long.parseLong(row.get("payload_bytes")));
            }
        }
    }

    @Test
    void retainedBytesAndOverheadRatioAgreeWithJol() {
        for (CSVRecord row : csv.rows()) {
            int n = Integer.parseInt(row.get("size"));
            double jol = jolFootprint(row.get("scenario"), n);
            double error = Math.abs(CsvRows.bytes(row, "retained_bytes") - jol) / jol;
            assertTrue(error <= (n >= 1_000 ? 0.01 : 0.05), row + " vs JOL " + jol);

            double jolRatio = (jol - jolFootprint("vec-pair", n)) / jolFootprint("vec-pair", n);
            assertEquals(jolRatio, Double.parseDouble(row.get("overhead_ratio")), 0.01, row.toString());
        }
    }

    @Test
    void allocatedBytesAgreeWithThreadMxBeanMeasuredHere() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (CSVRecord row : csv.rows()) {
            CollectionScenario scenario = Scenarios.named(List.of(row.get("scenario"))).get(0);
            int n = Integer.parseInt(row.get("size"));
            long before = threads.getCurrentThreadAllocatedBytes();
            Object built = scenario.build(inputs, n);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(built != null);
            assertEquals(allocated, CsvRows.bytes(row, "allocated_bytes"), 64 + allocated * 0.001, row.toString());
        }
    }

    @Test
    void sampledBytesOfLargeScenariosAreWithinFivePercentOfExact() {
        List<CSVRecord> large = csv.rows().stream()
                .filter(row -> CsvRows.bytes(row, "allocated_bytes") >= 10L * 1024 * 1024).toList();
        assertTrue(large.size() >= 3, "runs of 10 MiB or more: " + large.size());
        for (CSVRecord row : large) {
            long exact = CsvRows.bytes(row, "allocated_bytes");
            long sampled = CsvRows.bytes(row, "sampled_bytes");
            assertTrue(Long.parseLong(row.get("samples")) > 0, row.toString());
            assertTrue(Math.abs(sampled - exact) <= 0.05 * exact, "sampled " + sampled + " vs exact " + exact + ": " + row);
        }
    }

    @Test
    void chartsArePngImagesOfTheStatedSize() throws Exception {
        for (String chart : new String[] {"growth.png", "overhead.png"}) {
            BufferedImage image = ImageIO.read(folder.resolve("report").resolve(chart).toFile());
            assertTrue(image != null, chart + " is not a readable PNG");
            assertEquals(1400, image.getWidth());
            assertEquals(800, image.getHeight());
        }
    }

    @Test
    void summaryGivesMeanMinAndMaxOverheadPerScenario() {
        assertTrue(run.out().contains("mean") && run.out().contains("min") && run.out().contains("max"), run.out());
        for (String scenario : SCENARIOS) {
            assertTrue(run.out().lines().anyMatch(line -> line.startsWith(scenario + " ")), run.out());
        }
        String hashmap = run.out().lines().filter(line -> line.startsWith("hashmap ")).findFirst().orElseThrow();
        double[] ratios = Arrays.stream(hashmap.trim().split("\\s+")).skip(2).mapToDouble(Double::parseDouble).toArray();
        double expectedMean = SIZES.stream().mapToDouble(n ->
                (jolFootprint("hashmap", n) - jolFootprint("vec-pair", n)) / jolFootprint("vec-pair", n)).average().orElseThrow();
        assertEquals(expectedMean, ratios[0], 0.01, hashmap);
    }

    private static double jolFootprint(String scenario, int n) {
        return GraphLayout.parseInstance(Scenarios.named(List.of(scenario)).get(0).build(inputs, n)).totalSize();
    }
}

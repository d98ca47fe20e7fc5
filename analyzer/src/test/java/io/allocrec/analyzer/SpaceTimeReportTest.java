package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.harness.CollectionScenario;
import io.allocrec.harness.KeyValueInputs;
import io.allocrec.harness.Scenarios;
import io.allocrec.harness.SweepRunner;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jdk.jfr.Event;
import jdk.jfr.Name;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's time and breakdown outputs from a sweep recording that carries the harness's
 * {@code allocrec.Timing} and {@code allocrec.Breakdown} events. The events are written here
 * with known figures (the analyzer reads them by name and field), so every expected value below
 * is one of those figures, read back through the JMC parser.
 */
class SpaceTimeReportTest {

    @Name("allocrec.Timing")
    static final class Timing extends Event {
        String scenario;
        long size;
        String operation;
        double nanosPerElement;
        double nanosPerElementError;
        int iterations;
        int forks;
    }

    @Name("allocrec.Breakdown")
    static final class Share extends Event {
        String scenario;
        long size;
        String className;
        long instances;
        long bytes;
    }

    private static final List<String> SCENARIOS = List.of("vec-pair", "hashmap");
    private static final List<Integer> SIZES = List.of(10, 1_000);

    @TempDir
    static Path folder;
    private static ReportRun run;

    private static void timing(String scenario, long size, String operation, double nanos, double error) {
        Timing t = new Timing();
        t.scenario = scenario;
        t.size = size;
        t.operation = operation;
        t.nanosPerElement = nanos;
        t.nanosPerElementError = error;
        t.iterations = 10;
        t.forks = 1;
        t.commit();
    }

    private static void share(String scenario, long size, String className, long instances, long bytes) {
        Share s = new Share();
        s.scenario = scenario;
        s.size = size;
        s.className = className;
        s.instances = instances;
        s.bytes = bytes;
        s.commit();
    }

    @BeforeAll
    static void recordAndReport() throws Exception {
        KeyValueInputs inputs = KeyValueInputs.generate(1_000, KeyValueInputs.DEFAULT_SEED);
        SweepRunner runner = new SweepRunner(inputs, System.err);
        List<CollectionScenario> scenarios = Scenarios.named(SCENARIOS);
        Path recording = TestRecordings.record(folder.resolve("sweep.jfr"), () -> {
            runner.run(scenarios, SIZES);
            timing("vec-pair", 1_000, "insert", 3.5, 0.25);
            timing("vec-pair", 1_000, "lookup", 12.0, 0.5);
            timing("hashmap", 1_000, "insert", 21.25, 1.5);
            timing("hashmap", 1_000, "lookup", 9.75, 0.125);
            timing("hashmap", 10, "lookup", 4.0, 0.5);
            share("hashmap", 1_000, "java.util.HashMap$Node", 1_000, 32_000);
            share("hashmap", 1_000, "java.lang.Long", 1_000, 16_000);
            share("hashmap", 1_000, "java.util.HashMap$Node[]", 1, 8_208);
            share("vec-pair", 1_000, "long[]", 1, 8_016);
        });
        run = ReportRun.of("report", recording.toString(), "--out", folder.resolve("report").toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void scenariosCsvCarriesTheTimingOfEachTimedSizeAndLeavesTheOthersEmpty() throws Exception {
        CsvRows csv = CsvRows.read(folder.resolve("report/scenarios.csv"));
        CSVRecord hashmap = csv.rows().stream().filter(r -> r.get("scenario").equals("hashmap")
                && r.get("size").equals("1000")).findFirst().orElseThrow();
        CSVRecord small = csv.rows().stream().filter(r -> r.get("scenario").equals("hashmap")
                && r.get("size").equals("10")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("21.250", hashmap.get("insert_ns_per_element")),
                () -> assertEquals("1.500", hashmap.get("insert_ns_error")),
                () -> assertEquals("9.750", hashmap.get("lookup_ns_per_element")),
                () -> assertEquals("0.125", hashmap.get("lookup_ns_error")),
                () -> assertEquals("", small.get("insert_ns_per_element")),
                () -> assertEquals("4.000", small.get("lookup_ns_per_element")));
    }

    @Test
    void breakdownCsvGivesBytesPerElementByClass() throws Exception {
        CsvRows csv = CsvRows.read(folder.resolve("report/breakdown.csv"));
        assertEquals(List.of("scenario", "size", "class", "bytes_per_element", "instances_per_element", "bytes"),
                csv.header());
        CSVRecord node = csv.rows().stream().filter(r -> r.get("class").equals("java.util.HashMap$Node"))
                .findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("32.0000", node.get("bytes_per_element")),  // 32,000 bytes / 1,000 elements
                () -> assertEquals("1.0000", node.get("instances_per_element")),
                () -> assertEquals("hashmap", csv.rows().get(0).get("scenario")), // largest class first
                () -> assertEquals(4, csv.rows().size()));
    }

    @Test
    void chartsAreWrittenAtTheComparisonSizeAndLargeEnoughToRead() throws Exception {
        for (String chart : List.of("spacetime.png", "time.png", "breakdown.png")) {
            BufferedImage image = ImageIO.read(folder.resolve("report").resolve(chart).toFile());
            assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 600, chart);
        }
    }

    @Test
    void theTerminalShowsTimesAndTheBreakdownAtTheComparisonSize() {
        String out = run.out();
        assertAll(
                // 1,000 has lookups for two scenarios, 10 for one: the comparison is at 1,000
                () -> assertTrue(out.contains("Time and space at 1,000 elements"), out),
                () -> assertTrue(out.contains("21.25 +- 1.50"), out),
                // 32 + 16 + 8.208 = 56.208 bytes per element
                () -> assertTrue(out.contains("hashmap                     56.2 B = HashMap$Node 32.0 + Long 16.0 + "
                        + "HashMap$Node[] 8.2"), out));
    }

    @Test
    void theSweepsPageCarriesTheSameSummary() throws Exception {
        String page = Files.readString(folder.resolve("report/index.html"));
        assertAll(
                () -> assertTrue(page.contains("Time and space at 1,000 elements"), "the time table"),
                () -> assertTrue(page.contains("HashMap$Node 32.0 + Long 16.0"), "the breakdown"),
                () -> assertTrue(page.contains("data:image/png;base64,"), "the charts inlined"));
    }

    @Test
    void aRecordingWithoutTimingsWritesNoTimeFiles() throws Exception {
        Path plain = TestRecordings.record(folder.resolve("plain.jfr"), () -> new SweepRunner(
                KeyValueInputs.generate(10, KeyValueInputs.DEFAULT_SEED), System.err).run(Scenarios.named(SCENARIOS), List.of(10)));
        Path out = folder.resolve("plain-report");
        assertEquals(0, ReportRun.of("report", plain.toString(), "--out", out.toString()).exitCode());
        assertAll(
                () -> assertFalse(Files.exists(out.resolve("spacetime.png"))),
                () -> assertFalse(Files.exists(out.resolve("breakdown.csv"))),
                () -> assertEquals("", CsvRows.read(out.resolve("scenarios.csv")).rows().get(0).get("lookup_ns_per_element")));
    }
}

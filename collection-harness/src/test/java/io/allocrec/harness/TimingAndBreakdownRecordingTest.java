package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.DataAmount;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphStats;

/**
 * One short {@code record} run, timing in a fresh JVM as by default, read back with the JDK's
 * own parser: a timing per scenario, size and operation, plausible and with a spread; a
 * breakdown by class that adds up to the retained bytes the allocation sweep measured, and to an
 * independent JOL total; and events that JMC shows with labels and units.
 */
class TimingAndBreakdownRecordingTest {

    private static final List<String> SCENARIOS = List.of("vec-pair", "hashmap", "treemap", "concurrentskiplistmap",
            "fastutil-long2object");
    private static final List<Integer> TIMED = List.of(1, 1_000);
    private static final List<Integer> WEIGHED = List.of(1_000, 10_000);

    @TempDir
    static Path folder;
    private static Path recording;
    private static RecordRun run;

    @BeforeAll
    static void record() {
        recording = folder.resolve("timed.jfr");
        run = RecordRun.of("--out", recording.toString(), "--scenarios", String.join(",", SCENARIOS),
                "--sizes", "1,1000,10000", "--timing-sizes", "1,1000", "--breakdown-sizes", "1000,10000",
                "--timing-iterations", "3", "--timing-iteration-ms", "2");
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void oneTimingPerScenarioSizeAndOperationWithAPlausibleSpread() throws Exception {
        List<RecordedEvent> timings = RecordRun.events(recording, TimingEvent.NAME);
        Set<String> keys = timings.stream()
                .map(e -> e.getString("scenario") + " " + e.getLong("size") + " " + e.getString("operation"))
                .collect(Collectors.toSet());
        for (String scenario : SCENARIOS) {
            for (int n : TIMED) {
                assertTrue(keys.contains(scenario + " " + n + " insert"), scenario + " " + n + ": " + keys);
                // The baseline, two unsorted arrays, has no lookup.
                assertEquals(!scenario.equals("vec-pair"), keys.contains(scenario + " " + n + " lookup"), keys.toString());
            }
        }
        assertEquals(keys.size(), timings.size(), "one event per scenario, size and operation");
        for (RecordedEvent timing : timings) {
            double mean = timing.getDouble("nanosPerElement");
            String what = timing.toString();
            assertTrue(mean > 0 && mean < 1_000_000, what);
            assertTrue(timing.getDouble("nanosPerElementError") >= 0, what);
            assertTrue(timing.getDouble("nanosPerElementStdDev") >= 0, what);
            assertTrue(timing.getDouble("nanosPerElementMin") <= mean && mean <= timing.getDouble("nanosPerElementMax"), what);
            assertEquals(3, timing.getInt("iterations"), what);
            assertTrue(timing.getInt("warmupIterations") >= 1, what);
            assertTrue(timing.getLong("elementsPerIteration") >= timing.getLong("size"), what);
            assertEquals(1, timing.getInt("forks"), what);
        }
    }

    @Test
    void breakdownAddsUpToTheRetainedBytesOfTheSweepAndToJol() throws Exception {
        Map<String, Long> retained = new HashMap<>();
        for (RecordedEvent scenario : RecordRun.events(recording, "allocrec.Scenario")) {
            retained.put(scenario.getString("name") + " " + scenario.getLong("size"), scenario.getLong("retainedBytes"));
        }
        Map<String, Long> byClass = new HashMap<>();
        for (RecordedEvent share : RecordRun.events(recording, BreakdownEvent.NAME)) {
            assertTrue(share.getLong("instances") > 0 && share.getLong("bytes") > 0, share.toString());
            byClass.merge(share.getString("scenario") + " " + share.getLong("size"), share.getLong("bytes"), Long::sum);
        }
        assertEquals(SCENARIOS.size() * WEIGHED.size(), byClass.size(), byClass.toString());
        KeyValueInputs inputs = KeyValueInputs.generate(10_000, KeyValueInputs.DEFAULT_SEED);
        StringBuilder report = new StringBuilder("Breakdown total vs the sweep's retained bytes (LiveHeap) and JOL's GraphStats:");
        for (String scenario : SCENARIOS) {
            for (int n : WEIGHED) {
                String key = scenario + " " + n;
                long total = byClass.get(key);
                long heap = retained.get(key);
                long jol = GraphStats.parseInstance(Scenarios.named(List.of(scenario)).get(0).build(inputs, n)).totalSize();
                double vsHeap = Math.abs(total - heap) / (double) heap;
                double vsJol = Math.abs(total - jol) / (double) jol;
                report.append(String.format(java.util.Locale.ROOT, "%n  %-24s %6d  breakdown %,11d  heap %,11d (%.4f%%)  JOL %,11d (%.4f%%)",
                        scenario, n, total, heap, vsHeap * 100, jol, vsJol * 100));
                if (scenario.equals("concurrentskiplistmap")) {
                    // Each build draws its own index levels: an index chain (24 bytes a link) for a quarter of the
                    // elements, geometric in length, so a build's index bytes vary by 24 * 1.118 * sqrt(n), one
                    // standard deviation (0.47% at 1,000, 0.15% at 10,000). Five of them, two builds apart for JOL.
                    double sd = 24 * 1.118 * Math.sqrt(n) / heap;
                    assertTrue(vsHeap <= Math.max(0.01, 5 * sd), key + ": breakdown " + total + " vs retained " + heap);
                    assertTrue(vsJol <= Math.max(0.01, 5 * Math.sqrt(2) * sd), key + ": breakdown " + total + " vs JOL " + jol);
                } else {
                    assertTrue(vsHeap <= 0.01, key + ": breakdown " + total + " vs retained " + heap);
                    assertEquals(jol, total, key + ": breakdown vs JOL");
                }
            }
        }
        System.out.println(report);
    }

    @Test
    void hashMapBytesGoToItsNodesBoxedKeysTableAndValues() throws Exception {
        Map<String, Long> bytes = RecordRun.events(recording, BreakdownEvent.NAME).stream()
                .filter(e -> e.getString("scenario").equals("hashmap") && e.getLong("size") == 10_000)
                .collect(Collectors.toMap(e -> e.getString("className"), e -> e.getLong("bytes")));
        assertEquals(Set.of("java.util.HashMap", "java.util.HashMap$Node", "java.lang.Long", "java.util.HashMap$Node[]",
                "byte[]"), bytes.keySet());
        // With compressed oops: a 12-byte header and four fields make a 32-byte Node; a Long is 12 + 8, padded to 24.
        assertEquals(10_000L * 32, bytes.get("java.util.HashMap$Node"));
        assertEquals(10_000L * 24, bytes.get("java.lang.Long"));
        assertEquals(10_000L * 120, bytes.get("byte[]"));
    }

    @Test
    void eventsCarryLabelsDescriptionsAndUnitsForJmc() throws Exception {
        Map<String, EventType> types = new RecordingFile(recording).readEventTypes().stream()
                .collect(Collectors.toMap(EventType::getName, type -> type));
        for (String name : List.of(TimingEvent.NAME, BreakdownEvent.NAME)) {
            EventType type = types.get(name);
            assertNotNull(type, name);
            assertEquals(List.of("Allocation Recorder"), type.getCategoryNames());
            assertNotNull(type.getLabel(), name);
            assertTrue(type.getDescription().endsWith("."), name);
            for (ValueDescriptor field : type.getFields()) {
                assertNotNull(field.getLabel(), name + "." + field.getName());
                if (!Set.of("startTime", "duration", "eventThread", "stackTrace").contains(field.getName())) {
                    assertNotNull(field.getDescription(), name + "." + field.getName());
                }
            }
        }
        EventType breakdown = types.get(BreakdownEvent.NAME);
        assertEquals(DataAmount.BYTES, breakdown.getField("bytes").getAnnotation(DataAmount.class).value());
        EventType timing = types.get(TimingEvent.NAME);
        for (String field : List.of("scenario", "size", "operation", "nanosPerElement", "nanosPerElementError",
                "iterations", "forks")) {
            assertNotNull(timing.getField(field), field);
        }
        assertEquals("double", timing.getField("nanosPerElement").getTypeName());
        assertFalse(timing.getField("nanosPerElementError").getDescription().isEmpty());
    }
}

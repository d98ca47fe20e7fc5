package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made by a JDK 21 JVM (a checked-in fixture: no JDK 21 is installed here; see
 * src/test/resources/recordings/README.md). Expected figures come from the JDK's own parser,
 * {@link RecordingFile}, reading the same file.
 */
class Jdk21RecordingTest {

    @TempDir
    static Path folder;

    private static Path recording;

    @BeforeAll
    static void unpack() throws IOException {
        recording = folder.resolve("jdk21.jfr");
        try (InputStream in = new GZIPInputStream(
                Jdk21RecordingTest.class.getResourceAsStream("/recordings/jdk21-zulu-21.0.4.jfr.gz"))) {
            Files.copy(in, recording);
        }
    }

    @Test
    void withoutScopeEventsItNamesTheDurationTypesItHas() {
        ReportRun run = ReportRun.of("report", recording.toString(), "--out", folder.resolve("none").toString());
        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("jdk.ThreadPark"), run.err());
        assertTrue(run.err().contains("--scope-event"), run.err());
        assertTrue(Files.notExists(folder.resolve("none")), "no partial output");
    }

    @Test
    void itsThreadParkEventsAreScopesAndItsSamplesAreAllRead() throws IOException {
        Map<String, Long> parksByClass = new TreeMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.ThreadPark" -> {
                    RecordedClass parked = event.getClass("parkedClass");
                    parksByClass.merge(parked == null ? "" : parked.getName(), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> samples++;
                default -> {
                }
            }
        }
        long parks = parksByClass.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(805, parks, "the fixture's ThreadPark count, from the JDK's parser");
        assertEquals(373, samples, "the fixture's sample count, from the JDK's parser");

        Path out = folder.resolve("parks");
        ReportRun run = ReportRun.of("report", recording.toString(), "--scope-event", "jdk.ThreadPark",
                "--label", "parkedClass", "--group-by", "name", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(parks + " scopes, " + samples + " allocation samples"), run.out());
        CsvRows scopes = CsvRows.read(out.resolve("scopes.csv"));
        for (Map.Entry<String, Long> parked : parksByClass.entrySet()) {
            CSVRecord row = scopes.only(parked.getKey());
            assertEquals(parked.getValue(), Long.parseLong(row.get("calls")), parked.getKey());
            assertEquals("0", row.get("exact_calls"), "jdk.ThreadPark has no exact allocation figure");
        }
        assertEquals(parksByClass.size(), scopes.rows().size());
    }
}

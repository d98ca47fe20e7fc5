package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of recording JMC reads, allocrec reads: JDK 7 and 8 (format 0.9), JDK 11, 17 and 21,
 * async-profiler's, gzip and zip. The files are small public recordings checked in with their
 * source and licence (src/test/resources/recordings/README.md); the expected counts and byte sums
 * are JMC's own, from a full load of each file, listed there. The files are read compressed, as
 * they are checked in.
 */
class PublicRecordingsTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file,                                          scope type,                 scopes, samples, bytes sampled
        "jdk7-oracle-7u76.jfr.gz,                          jdk.JavaMonitorWait,        106,    3,       4058608",
        "jdk8-oracle-8u40.jfr.gz,                          jdk.ThreadPark,             165,    69,      15184272",
        "jdk8-oracle-8u40.jfr.zip,                         jdk.ThreadPark,             165,    69,      15184272",
        "jdk11-openjdk-11.0.16.jfr.gz,                     jdk.ThreadPark,             122,    3818,    1267840440",
        "jdk17-openjdk-17.0.2.jfr.gz,                      jdk.ThreadPark,             75,     786,     1075719696",
        "jdk21-zulu-21.0.4.jfr.gz,                         jdk.ThreadPark,             805,    373,     175195696",
        "async-profiler-2.8-jdk17.jfr.gz,                  jdk.JavaMonitorEnter,       13,     290,     139883154160",
        "async-profiler-3.0-jfrsync-jdk17-3chunks.jfr.gz,  profiler.WallClockSleeping, 11,     6,       4689568",
    })
    void readsEveryScopeAndSample(String file, String scopeType, long scopes, long samples, long bytes)
            throws IOException {
        Path recording = copy(file);
        ReportRun run = ReportRun.of("report", recording.toString(), "--scope-event", scopeType, "--group-by", "name",
                "--out", folder.resolve("report").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(String.format("%,d scopes, %,d allocation samples (%,d bytes sampled)",
                scopes, samples, bytes)), run.out());
        assertEquals(scopes, Long.parseLong(CsvRows.read(folder.resolve("report/scopes.csv")).only(scopeType).get("calls")));
    }

    /** A slow path must not hide a bug: the direct reader reads every chunk of JDK 11 and later itself. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jdk11-openjdk-11.0.16.jfr.gz,                     jdk.ThreadPark,             ",
        "jdk17-openjdk-17.0.2.jfr.gz,                      jdk.ThreadPark,             ",
        "jdk21-zulu-21.0.4.jfr.gz,                         jdk.JavaMonitorWait,        monitorClass",
        "async-profiler-2.8-jdk17.jfr.gz,                  jdk.JavaMonitorEnter,       ",
        "async-profiler-3.0-jfrsync-jdk17-3chunks.jfr.gz,  profiler.WallClockSleeping, ",
    })
    void noChunkOfJdk11OrLaterGoesToTheJmcParser(String file, String scopeType, String label) throws IOException {
        Path recording = copy(file);
        ReportRun run = label == null
                ? ReportRun.of("report", recording.toString(), "--scope-event", scopeType, "--out", folder.resolve("r").toString())
                : ReportRun.of("report", recording.toString(), "--scope-event", scopeType, "--label", label,
                        "--out", folder.resolve("r").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.err().contains("read by the JMC parser"), run.err());
    }

    @Test
    void aChunkLeftToTheJmcParserIsNamedWithTheReason() throws IOException {
        // A duration as the label: JMC words it ("5 ms"), so the direct reader leaves the chunk to it.
        Path recording = copy("jdk17-openjdk-17.0.2.jfr.gz");
        ReportRun run = ReportRun.of("report", recording.toString(), "--scope-event", "jdk.ThreadSleep", "--label", "time",
                "--out", folder.resolve("r").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("allocrec report: chunk 1 of " + recording
                + " read by the JMC parser: the label time of jdk.ThreadSleep (long) is neither text nor a pool reference\n"),
                run.err());
    }

    @Test
    void tlabEventsAreTheSamplesOnlyWhereTheRecordingHasNoAllocationSamples() throws IOException {
        // JDK 17 with all three types: the TLAB events would count the same bytes again.
        ReportRun both = ReportRun.of("report", copy("jdk17-openjdk-17.0.2.jfr.gz").toString(),
                "--scope-event", "jdk.ThreadPark", "--out", folder.resolve("both").toString());
        assertTrue(!both.out().contains("TLAB allocation events"), both.out());
        ReportRun tlabOnly = ReportRun.of("report", copy("async-profiler-2.8-jdk17.jfr.gz").toString(),
                "--scope-event", "jdk.JavaMonitorEnter", "--out", folder.resolve("tlab").toString());
        assertTrue(tlabOnly.out().contains("the recording's TLAB allocation events"), tlabOnly.out());
    }

    @Test
    void aZipAndAGzipOfOneRecordingGiveTheSameReport() throws IOException {
        ReportRun gzip = ReportRun.of("report", copy("jdk8-oracle-8u40.jfr.gz").toString(), "--scope-event",
                "jdk.ThreadPark", "--group-by", "name", "--out", folder.resolve("gz").toString());
        ReportRun zip = ReportRun.of("report", copy("jdk8-oracle-8u40.jfr.zip").toString(), "--scope-event",
                "jdk.ThreadPark", "--group-by", "name", "--out", folder.resolve("zip").toString());
        assertEquals(Files.readString(folder.resolve("gz/scopes.csv")), Files.readString(folder.resolve("zip/scopes.csv")));
        assertEquals(Files.readString(folder.resolve("gz/classes.csv")), Files.readString(folder.resolve("zip/classes.csv")));
    }

    private Path copy(String name) throws IOException {
        Path target = folder.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = PublicRecordingsTest.class.getResourceAsStream("/recordings/" + name)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}

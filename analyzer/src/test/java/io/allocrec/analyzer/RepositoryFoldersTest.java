package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders as users have them: a JFR repository as the JVM lays it out
 * ({@code REPOSITORY/<date>_<pid>/<chunk>.jfr}), given by the folder named in
 * {@code -XX:FlightRecorderOptions:repository=}, and recordings whose names end in capitals.
 */
class RepositoryFoldersTest {

    @TempDir
    static Path shared;
    private static Path three;
    private static Path five;

    @TempDir
    Path folder;

    @BeforeAll
    static void recordTwo() throws Exception {
        three = TestRecordings.record(shared.resolve("three.jfr"), () -> scopes("three", 3));
        five = TestRecordings.record(shared.resolve("five.jfr"), () -> scopes("five", 5));
    }

    static volatile byte[] sink;

    private static void scopes(String name, int count) {
        for (int i = 0; i < count; i++) {
            try (AllocationScope scope = AllocationScope.open(name, i)) {
                sink = new byte[100_000];
            }
        }
    }

    @Test
    void theRepositoryFolderIsReadAsTheJvmFoldersInIt() throws Exception {
        // Before: "folder has no .jfr files", exit 3.
        Path repository = Files.createDirectory(folder.resolve("repository"));
        Path first = Files.createDirectory(repository.resolve("2026_12_06_10_00_00_4242"));
        Path second = Files.createDirectory(repository.resolve("2026_12_06_10_05_00_4343"));
        Files.copy(three, first.resolve("2026_12_06_10_00_00.jfr"));
        Files.copy(five, second.resolve("2026_12_06_10_05_00.jfr"));
        Files.createDirectory(repository.resolve("empty"));
        Path out = folder.resolve("out");
        ReportRun run = ReportRun.of("report", repository.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("allocrec report: " + repository + " is a JFR repository: reading the recordings of 2 JVM folders "
                + "in it, each its own JVM: 2026_12_06_10_00_00_4242 (1 file), 2026_12_06_10_05_00_4343 (1 file)",
                run.err().lines().findFirst().orElse(""));
        List<String> expected = new ArrayList<>(RecordingFigures.fromJdkReader(three).scopes());
        expected.addAll(RecordingFigures.fromJdkReader(five).scopes());
        Collections.sort(expected);
        assertEquals(expected, RecordingFigures.fromReport(out).scopes());
    }

    @Test
    void aFolderWithNoRecordingsInItNorInItsFoldersIsStillAnError() throws Exception {
        Path empty = Files.createDirectories(folder.resolve("nothing").resolve("2026_12_06_10_00_00_4242"));
        Files.writeString(empty.resolve("notes.txt"), "no recordings here");
        ReportRun run = ReportRun.of("report", empty.getParent().toString(), "--out", folder.resolve("out").toString());
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("allocrec report: " + empty.getParent()
                + ": folder has no .jfr files (nor .jfr.gz, .jfr.zip), nor have the folders in it\n", run.err());
        assertFalse(Files.exists(folder.resolve("out")));
    }

    @Test
    void recordingNamesMatchInAnyCase() throws Exception {
        // Before: small.JFR and a .Jfr.Gz were not picked up from a folder.
        Path recordings = Files.createDirectory(folder.resolve("mixed-case"));
        Files.copy(three, recordings.resolve("small.JFR"));
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(recordings.resolve("other.Jfr.Gz")))) {
            Files.copy(five, gzip);
        }
        Files.writeString(recordings.resolve("notes.JFR.txt"), "not a recording");
        Path out = folder.resolve("out");
        ReportRun run = ReportRun.of("report", recordings.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(8, RecordingFigures.fromReport(out).scopes().size(), run.out());
        assertTrue(run.out().contains("8 scopes,"), run.out());
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on the JFR repository of a JVM that is still recording: every finished chunk is
 * read, and the one the JVM is still writing is left out with one line that says so, exit 0,
 * without --skip-bad. Once it stopped with "chunk 2 at byte ... does not start with the JFR magic
 * bytes: the file is damaged", as the chunk's header gives the size it had at its last flush.
 */
class RunningJvmTest {

    private static final int FINISHED_SCOPES = 12;
    private static final Pattern UNFINISHED_NOTE = Pattern.compile("allocrec report: the last chunk of (\\S+) "
            + "\\(chunk 1 at byte 0\\) is still being written \\(or its JVM stopped before finishing it\\), so it was left out");

    @TempDir
    Path folder;

    @Test
    void aRunningJvmsRepositoryIsReadWithoutItsUnfinishedChunk() throws Exception {
        Path repository = folder.resolve("repository");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:FlightRecorderOptions:repository=" + repository,
                "-XX:StartFlightRecording:settings=" + Path.of("..", "profiles", "allocation.jfc"),
                "-cp", System.getProperty("java.class.path"), RunningJvmWorkload.class.getName(),
                Integer.toString(FINISHED_SCOPES))
                .redirectError(folder.resolve("jvm.log").toFile()).start();
        try {
            List<String> expected = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); !"ready".equals(line); line = lines.readLine()) {
                assertTrue(line != null, "the JVM stopped early: " + Files.readString(folder.resolve("jvm.log")));
                if (line.startsWith("scope ")) { // not JFR's start-up lines
                    expected.add(line.substring("scope ".length())); // "NAME SIZE ALLOCATED", the scope's own count
                }
            }
            Collections.sort(expected);
            assertEquals(FINISHED_SCOPES, expected.size());

            Path out = folder.resolve("report");
            ReportRun run = ReportRun.of("report", repository.toString(), "--out", out.toString());
            assertTrue(jvm.isAlive(), "the JVM was still recording while the report read its repository");

            assertEquals(0, run.exitCode(), run.err());
            // The two notes first; a warning about the figures may follow (a short run can catch no sample).
            List<String> notes = run.err().lines().toList();
            assertTrue(notes.size() >= 2 && notes.stream().skip(2).allMatch(line -> line.startsWith("allocrec report: warning:")),
                    run.err());
            assertTrue(notes.get(0).startsWith("allocrec report: " + repository + " is a JFR repository: reading the "
                    + "recordings of the JVM folder in it, each its own JVM: "), notes.get(0));
            Matcher note = UNFINISHED_NOTE.matcher(notes.get(1));
            assertTrue(note.matches(), notes.get(1));
            Path unfinished = Path.of(note.group(1));
            assertEquals(newest(repository), unfinished, "the chunk being written is the newest file");
            // Exactly the scopes the JVM closed before it finished their chunk, with their exact bytes;
            // none of the "unfinished" ones it went on with in the chunk it is writing.
            assertEquals(expected, RecordingFigures.fromReport(out).scopes());
        } finally {
            jvm.getOutputStream().close();
            if (!jvm.waitFor(20, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
            }
        }
    }

    /** The repository's newest chunk file: the JVM names them by the time they were started. */
    private static Path newest(Path repository) throws Exception {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(p -> p.toString().endsWith(".jfr")).max(java.util.Comparator.naturalOrder()).orElseThrow();
        }
    }
}

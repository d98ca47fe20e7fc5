package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gets one line on stderr naming the file and the problem, its documented exit
 * code, no stack trace, and no files in the output folder.
 */
class BadInputTest {

    @TempDir
    static Path shared;

    private static Path goodRecording;

    @TempDir
    Path folder;

    @BeforeAll
    static void recordOne() throws Exception {
        goodRecording = TestRecordings.record(shared.resolve("good.jfr"), () -> {
            for (int i = 0; i < 5; i++) {
                try (AllocationScope scope = AllocationScope.open("work", i)) {
                    byte[][] arrays = new byte[10_000][];
                    for (int j = 0; j < arrays.length; j++) {
                        arrays[j] = new byte[100];
                    }
                }
            }
        });
    }

    @Test
    void missingFile() {
        assertRejected(folder.resolve("nope.jfr"), 3, "no such file");
    }

    @Test
    void aDeviceOrPipeIsNoRecordingAndNothingBlocks() throws Exception {
        // A FIFO once blocked report forever, and /dev/zero was called "empty".
        assertRejected(Path.of("/dev/zero"), 3, "is not a regular file");
        Path fifo = folder.resolve("pipe.jfr");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertRejected(fifo, 3, "is not a regular file");
        }
    }

    @Test
    void aRecordingWhoseNameIsNotUtf8IsReadFromItsFolder() throws Exception {
        // A Latin-1 "é" (byte 0xE9) in the name: no Java string names it under UTF-8, but the
        // folder's listing keeps its bytes. It once failed the whole run as "no such file".
        Path repository = Files.createDirectory(folder.resolve("latin1"));
        Process copy = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1/$(printf 'r\\351sum\\351.jfr')\"",
                goodRecording.toString(), repository.toString()).redirectErrorStream(true).start();
        assertEquals(0, copy.waitFor(), new String(copy.getInputStream().readAllBytes()));
        ReportRun run = ReportRun.of("report", repository.toString(), "--out", folder.resolve("out-latin1").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("5 scopes,"), run.out());
    }

    @Test
    void aHugeScopeNameCostsNoMoreThanAShortOne() throws Exception {
        // A name of 100,000 characters once took half a minute to lay out; names are cut at 500.
        String huge = "x".repeat(100_000);
        Path recording = TestRecordings.record(folder.resolve("huge-name.jfr"), () -> {
            for (int i = 0; i < 3; i++) {
                try (AllocationScope scope = AllocationScope.open(huge)) {
                    sink = new byte[1 << 20];
                }
            }
        });
        Path out = folder.resolve("out-huge");
        ReportRun run = ReportRun.of("report", recording.toString(), "--group-by", "name", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String name = CsvRows.read(out.resolve("scopes.csv")).rows().get(0).get("scope");
        assertEquals("x".repeat(500) + "... (100000 characters)", name);
        ReportRun baseline = ReportRun.of("report", recording.toString(), "--baseline", huge, "--out",
                folder.resolve("out-huge-baseline").toString());
        assertOneLineError(baseline, 2, "(100000 characters)");
    }

    static volatile byte[] sink;

    @Test
    void emptyFile() throws IOException {
        assertRejected(Files.createFile(folder.resolve("empty.jfr")), 3, "is empty");
    }

    @Test
    void textFile() throws IOException {
        assertRejected(Files.writeString(folder.resolve("notes.jfr"), "this is not a recording\n"), 3,
                "not a JFR recording");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(1).nextBytes(bytes);
        assertRejected(Files.write(folder.resolve("random.jfr"), bytes), 3, "not a JFR recording");
    }

    @Test
    void folderWithoutRecordings() throws IOException {
        Path empty = Files.createDirectory(folder.resolve("empty-folder"));
        Files.writeString(empty.resolve("notes.txt"), "no recordings here");
        assertRejected(empty, 3, "folder has no .jfr files");
    }

    @Test
    void aCorruptFileAmongGoodOnesStopsTheRunAndIsNamed() throws IOException {
        Path bad = Files.writeString(folder.resolve("bad.jfr"), "garbage");
        Path out = folder.resolve("out-mixed");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), bad.toString(), "--out", out.toString());
        assertOneLineError(run, 3, bad.toString());
        assertTrue(run.err().contains("--skip-bad"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void skipBadLeavesTheCorruptFileOutAndSaysSo() throws IOException {
        Path bad = Files.writeString(folder.resolve("bad.jfr"), "garbage");
        Path out = folder.resolve("out-skip");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), bad.toString(), "--skip-bad",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("skipping " + bad), run.err());
        assertTrue(Files.exists(out.resolve("scenarios.csv")));
    }

    @Test
    void skipBadAlsoLeavesOutAFileTheParserRejectsHalfWay() throws IOException {
        // Headers intact, the first event's size damaged: found only when the chunk is parsed.
        byte[] bytes = Files.readAllBytes(goodRecording);
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        System.arraycopy(huge, 0, bytes, 68, huge.length);
        bytes[39]++; // another start time: a copy of the same chunk would be read once and so never parsed
        Path damaged = Files.write(folder.resolve("damaged-body.jfr"), bytes);
        Path out = folder.resolve("out-skip-parse");
        ReportRun strict = ReportRun.of("report", goodRecording.toString(), damaged.toString(), "--out", out.toString());
        // The event at byte 68 is the chunk's constant pool, which the direct reader reads first.
        assertOneLineError(strict, 3, damaged + ": chunk 1 at byte 0 has a constant pool (checkpoint event) at byte 68"
                + " whose size of 4,294,967,295 bytes does not fit the chunk");
        assertTrue(strict.err().contains("--skip-bad"), strict.err());
        ReportRun skipping = ReportRun.of("report", goodRecording.toString(), damaged.toString(), "--skip-bad",
                "--out", out.toString());
        assertEquals(0, skipping.exitCode(), skipping.err());
        assertTrue(skipping.err().contains("skipping " + damaged), skipping.err());
        assertTrue(skipping.out().contains("5 scopes,"), "the good file's five, once: " + skipping.out());
    }

    @Test
    void scopeEventTypeTheRecordingLacks() {
        ReportRun run = assertRejected(goodRecording, 4, "no jdk.NoSuchEvent events");
        assertTrue(run.err().contains("allocrec.Scenario"), "lists the types it has: " + run.err());
    }

    @Test
    void labelFieldTheTypeLacks() {
        Path out = folder.resolve("out-label");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--scope-event", "allocrec.Scenario",
                "--label", "nosuchfield", "--out", out.toString());
        assertOneLineError(run, 4, "has no field 'nosuchfield'");
        assertTrue(run.err().contains("allocatedBytes"), "lists the fields: " + run.err());
    }

    @Test
    void anInstantEventTypeIsNoScope() {
        Path out = folder.resolve("out-instant");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--scope-event", "jdk.ObjectAllocationSample",
                "--out", out.toString());
        assertOneLineError(run, 4, "jdk.ObjectAllocationSample");
        assertTrue(run.err().contains("instant event"), run.err());
        assertTrue(run.err().contains("allocrec.Scenario"), "lists the duration types it has: " + run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStackTraceCannotNameAScope() {
        Path out = folder.resolve("out-stack-label");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--label", "eventThread", "--out", out.toString());
        assertOneLineError(run, 4, "field 'eventThread' of allocrec.Scenario is not a plain value");
        assertTrue(run.err().contains("name"), "lists the fields that can: " + run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void truncatedRecording() throws IOException {
        byte[] whole = Files.readAllBytes(goodRecording);
        for (int keep : new int[] {whole.length / 2, whole.length - 1, 40}) {
            Path truncated = Files.write(folder.resolve("truncated-" + keep + ".jfr"), Arrays.copyOf(whole, keep));
            assertRejected(truncated, 3, "truncated");
        }
    }

    @Test
    void recordingWithoutScenarioEvents() throws Exception {
        Path recording = TestRecordings.recordWithoutScopes(folder.resolve("plain.jfr"));
        ReportRun run = assertRejected(recording, 4, "no allocrec.Scenario events");
        assertTrue(run.err().contains("duration event types it has:"), run.err());
    }

    @Test
    void outputFolderUnderAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("a-file"), "x");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--out", file.resolve("report").toString());
        assertOneLineError(run, 5, "cannot be created as a folder");
    }

    @Test
    void outputFolderOnAReadOnlyFileSystemSaysSo() throws Exception {
        // Before: "no write permission", which sends a user to chmod. The report runs in a mount
        // namespace of its own, where a read-only tmpfs is mounted over an empty folder.
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        Path out = readOnly.resolve("report");
        Process report = new ProcessBuilder("unshare", "--mount", "sh", "-c",
                "mount -t tmpfs -o ro tmpfs \"$0\" || exit 99; exec \"$@\"", readOnly.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ReportMain.class.getName(), "report", goodRecording.toString(),
                "--out", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(report.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = report.waitFor();
        org.junit.jupiter.api.Assumptions.assumeTrue(exit != 99 && !err.contains("unshare:"),
                "this machine lets no test mount a read-only file system: " + err);
        assertEquals(5, exit, err);
        assertEquals("allocrec report: " + out + ": cannot be written (read-only file system at " + readOnly + ")\n", err);
    }

    @Test
    void outputFolderThatIsAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("taken"), "x");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--out", file.toString());
        assertOneLineError(run, 5, "taken");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void baselineTheRecordingLacksIsAUsageErrorListingTheNames() {
        Path out = folder.resolve("out-baseline");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--baseline", "vec-pair\u001b[2J",
                "--out", out.toString());
        assertOneLineError(run, 2, "--baseline 'vec-pair?[2J' is no scope name in the recording; it has 1 name: 'work'");
        assertFalse(Files.exists(out), "no output for a bad command line");
    }

    @Test
    void aNewReportRemovesWhatOnlyTheEarlierReportWroteAndNothingElse() throws Exception {
        Path out = folder.resolve("out-again");
        // An earlier report with per-name tables (scopes.csv and friends), and a user's own file.
        assertEquals(0, ReportRun.of("report", goodRecording.toString(), "--group-by", "name",
                "--out", out.toString()).exitCode());
        assertTrue(Files.exists(out.resolve("scopes.csv")));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("growth.png"), "mine too, same name as a report file");

        ReportRun again = ReportRun.of("report", goodRecording.toString(), "--group-by", "none", "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(List.of(".allocrec-report", "allocations.pb.gz", "growth.png", "index.html", "notes.txt",
                        "report.json", "scenarios.csv", "stacks.collapsed"),
                Arrays.stream(listing(out)).map(name -> Path.of(name).getFileName().toString()).sorted().toList());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals("mine too, same name as a report file", Files.readString(out.resolve("growth.png")));
    }

    @Test
    void aReportThatCannotBeWrittenLeavesTheEarlierOneAsItWas() throws Exception {
        Path out = folder.resolve("out-kept");
        assertEquals(0, ReportRun.of("report", goodRecording.toString(), "--out", out.toString()).exitCode());
        String earlier = Files.readString(out.resolve("scenarios.csv"));
        // The new report (per-name tables) needs scopes.png, where a folder is in the way.
        Files.createDirectory(out.resolve("scopes.png"));
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--group-by", "name", "--out", out.toString());
        assertOneLineError(run, 5, "the earlier report is left as it was");
        assertTrue(run.err().contains("scopes.png"), run.err());
        assertEquals(earlier, Files.readString(out.resolve("scenarios.csv")));
        assertFalse(Files.exists(out.resolve("scopes.csv")), "nothing of the new report");
        assertEquals(List.of(".allocrec-report", "allocations.pb.gz", "index.html", "report.json", "scenarios.csv",
                        "scopes.png", "stacks.collapsed"),
                Arrays.stream(listing(out)).map(name -> Path.of(name).getFileName().toString()).sorted().toList());
    }

    @Test
    void aStagingFolderOfARunThatWasKilledIsRemovedByTheNextRun() throws Exception {
        Path out = Files.createDirectories(folder.resolve("out-killed"));
        long deadPid = deadProcessId();
        Path left = Files.createDirectories(out.resolve(".allocrec-staging-" + deadPid + "-123"));
        Files.writeString(left.resolve("scopes.csv"), "partial");
        Path someoneElses = Files.createDirectories(out.resolve(".allocrec-staging-notapid"));
        assertEquals(0, ReportRun.of("report", goodRecording.toString(), "--out", out.toString()).exitCode());
        assertFalse(Files.exists(left), "the killed run's staging folder is gone");
        assertTrue(Files.exists(someoneElses), "a folder that is not a run's is never touched");
    }

    private static long deadProcessId() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
        return process.pid();
    }

    @Test
    void anEmptyOutputFolderIsAUsageErrorNotTheCurrentFolder() {
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--out", "");
        assertOneLineError(run, 2, "--out is empty");
    }

    @Test
    void aSkippedFilesNameReachesTheTerminalPrintable() throws IOException {
        Path bad = Files.writeString(folder.resolve("bad\u001b[2J.jfr"), "garbage");
        ReportRun run = ReportRun.of("report", goodRecording.toString(), bad.toString(), "--skip-bad",
                "--out", folder.resolve("out-printable").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("\u001b"), run.err());
        assertTrue(run.err().contains("bad?[2J.jfr"), run.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        ReportRun run = ReportRun.of("report", goodRecording.toString(), "--out", folder.toString(), "--frobnicate");
        assertEquals(2, run.exitCode());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private ReportRun assertRejected(Path recording, int exitCode, String problem) {
        Path out = folder.resolve("out-" + recording.getFileName());
        ReportRun run = problem.contains("jdk.NoSuchEvent")
                ? ReportRun.of("report", recording.toString(), "--scope-event", "jdk.NoSuchEvent", "--out", out.toString())
                : ReportRun.of("report", recording.toString(), "--out", out.toString());
        assertOneLineError(run, exitCode, problem);
        assertTrue(run.err().contains(recording.toString()), "names the file: " + run.err());
        assertFalse(Files.exists(out) && listing(out).length > 0, "left files in " + out);
        return run;
    }

    private static void assertOneLineError(ReportRun run, int exitCode, String problem) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(problem), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    private static String[] listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::toString).toArray(String[]::new);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

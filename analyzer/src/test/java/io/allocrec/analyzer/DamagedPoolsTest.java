package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.load.RecordingLayout;
import io.allocrec.analyzer.load.RecordingLayout.Kind;
import io.allocrec.analyzer.load.RecordingLayout.Part;
import io.allocrec.recorder.AllocationScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bytes changed inside a constant pool or the metadata of a real recording: the JDK's own reader
 * refuses such a file, and {@code report} must too (exit 3, naming the file, the chunk and the
 * damaged part's byte), not read it with the stacks, classes or durations the damage hid lost in
 * silence.
 */
class DamagedPoolsTest {

    @TempDir
    static Path shared;

    private static Path recording;
    private static byte[] original;
    private static List<Part> layout;

    @TempDir
    Path folder;

    @BeforeAll
    static void recordManyStacks() throws Exception {
        recording = TestRecordings.record(shared.resolve("stacks.jfr"), () -> {
            for (int i = 0; i < 400; i++) {
                try (AllocationScope scope = AllocationScope.open("op-" + i % 5, i)) {
                    allocateAtDepth(3 + i % 40, i);
                }
            }
        });
        original = Files.readAllBytes(recording);
        layout = RecordingLayout.of(original);
    }

    @Test
    void fourKilobytesZeroedInTheStackTracePoolIsDamage() throws Exception {
        // Before: exit 0, and most sampled bytes read as "(no stack trace)".
        Part pool = layout.stream().filter(p -> p.kind() == Kind.POOL && "jdk.types.StackTrace".equals(p.type()))
                .max(Comparator.comparingLong(Part::size)).orElseThrow();
        assertTrue(pool.size() > 4096 + 200, "the workload's stack pool is too small to damage: " + pool);
        byte[] bytes = original.clone();
        long from = pool.start() + 100;
        Arrays.fill(bytes, (int) from, (int) from + 4096, (byte) 0);
        Path damaged = Files.write(folder.resolve("zeroed-stacks.jfr"), bytes);
        assertJdkReaderRefuses(damaged);
        assertDamage(damaged, pool.chunk(), "has a constant pool (checkpoint event) at byte " + checkpointOf(pool).start());
    }

    @Test
    void bytesZeroedInTheMetadataAreDamage() throws Exception {
        Part metadata = last(Kind.METADATA); // the chunk header points at the last one written
        byte[] bytes = original.clone();
        long from = metadata.start() + metadata.size() / 2;
        Arrays.fill(bytes, (int) from, (int) from + 64, (byte) 0);
        Path damaged = Files.write(folder.resolve("zeroed-metadata.jfr"), bytes);
        assertDamage(damaged, metadata.chunk(), "has a metadata event at byte " + metadata.start());
    }

    @ParameterizedTest(name = "{0} renamed")
    @CsvSource({
        // Before: every scope read with a duration of 0, its samples outside it, exit 0.
        "jdk.jfr.Timespan, jdk.jfr.Timaspan, no unit of time",
        // Before: every frame of every stack read as "?.?", exit 0.
        "jdk.types.Method, jdk.tyres.Method, its metadata gives the method of a stack frame the type jdk.tyres.Method",
        // Before: exit 0 (one field left without a name, not all, was an internal error: exit 1).
        "name, namf, that has no name",
    })
    void aNameChangedInTheMetadataIsDamage(String name, String changed, String problem) throws Exception {
        Part metadata = last(Kind.METADATA);
        byte[] bytes = original.clone();
        byte[] encoded = ("\u0000" + (char) name.length() + name).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(bytes, encoded, (int) metadata.start(), (int) metadata.end());
        assertTrue(at > 0 && bytes[at] >= 3 && bytes[at] <= 5, "the metadata's string table holds " + name);
        byte[] replacement = changed.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, bytes, at + 2, replacement.length);
        Path damaged = Files.write(folder.resolve("renamed.jfr"), bytes);
        Path out = folder.resolve("out-renamed");
        ReportRun run = ReportRun.of("report", damaged.toString(), "--out", out.toString());
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(damaged + ": chunk 1 at byte 0 "), run.err());
        assertTrue(run.err().contains(problem), run.err());
        assertFalse(Files.exists(out), "no partial output");
    }

    /** Where {@code wanted} is in {@code bytes} between from and to, its first byte (a string's encoding: UTF-8, chars or Latin-1, all one byte a character here) left open. */
    private static int indexOf(byte[] bytes, byte[] wanted, int from, int to) {
        for (int i = from; i + wanted.length <= to; i++) {
            if (Arrays.equals(bytes, i + 1, i + wanted.length, wanted, 1, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void skipBadLeavesOutTheFileWithADamagedPoolAndReadsTheOthers() throws Exception {
        Part pool = layout.stream().filter(p -> p.kind() == Kind.POOL && "java.lang.Class".equals(p.type()))
                .max(Comparator.comparingLong(Part::size)).orElseThrow();
        byte[] bytes = original.clone();
        Arrays.fill(bytes, (int) (pool.start() + pool.size() / 2), (int) (pool.start() + pool.size() / 2 + 32), (byte) 0);
        Path damaged = Files.write(folder.resolve("zeroed-classes.jfr"), bytes);
        assertJdkReaderRefuses(damaged);
        Path other = TestRecordings.record(folder.resolve("other.jfr"), () -> {
            for (int i = 0; i < 3; i++) {
                try (AllocationScope scope = AllocationScope.open("other", i)) {
                    allocateAtDepth(2, i);
                }
            }
        });
        ReportRun run = ReportRun.of("report", other.toString(), damaged.toString(), "--skip-bad",
                "--out", folder.resolve("out-skip").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("skipping " + damaged + ": chunk 1 at byte 0 has a constant pool"), run.err());
        assertTrue(run.out().startsWith("3 scopes,"), "the other file's three alone: " + run.out());
    }

    private void assertDamage(Path damaged, long chunk, String part) {
        Path out = folder.resolve("out-" + damaged.getFileName());
        ReportRun run = ReportRun.of("report", damaged.toString(), "--out", out.toString());
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(damaged + ": chunk " + (chunkIndex(chunk) + 1) + " at byte " + chunk + " " + part),
                run.err());
        assertTrue(run.err().strip().endsWith("the file is damaged"), run.err());
        assertFalse(Files.exists(out), "no partial output");
    }

    private static void assertJdkReaderRefuses(Path damaged) {
        assertThrows(Exception.class, () -> RecordingFile.readAllEvents(damaged),
                "the JDK's reader must refuse the damaged file, or it is no damage");
    }

    private static Part checkpointOf(Part pool) {
        return layout.stream().filter(p -> p.kind() == Kind.CHECKPOINT && p.start() < pool.start() && pool.end() <= p.end())
                .findFirst().orElseThrow();
    }

    private static Part last(Kind kind) {
        List<Part> parts = new ArrayList<>(layout.stream().filter(p -> p.kind() == kind && p.chunk() == 0).toList());
        return parts.get(parts.size() - 1);
    }

    private static int chunkIndex(long chunk) {
        return (int) layout.stream().mapToLong(Part::chunk).distinct().filter(c -> c < chunk).count();
    }

    static volatile Object sink;

    /** Allocates from a stack {@code depth} frames deeper, so the recording holds many stacks. */
    private static void allocateAtDepth(int depth, int seed) {
        if (depth > 0) {
            allocateAtDepth(depth - 1, seed);
            return;
        }
        List<Object> list = new ArrayList<>();
        for (int j = 0; j < 2000; j++) {
            list.add(seed % 2 == 0 ? new byte[200 + seed] : new long[30 + seed % 7]);
        }
        sink = list;
    }
}

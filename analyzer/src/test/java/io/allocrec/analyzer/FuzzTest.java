package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.load.RecordingLayout;
import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged recordings, made from a real one by seeded mutations ({@link Mutations}: random
 * truncations, byte flips, zeroed regions, chunk-header fields and structural cases, and damage
 * aimed inside a constant pool, the metadata and a checkpoint's own fields), each run through
 * {@code report} with an oracle: a documented exit code, one line of error and no stack trace, no
 * raw control character, no partial output, no hang over 60 s; and where the report succeeds, what
 * the JDK's own reader derives from the same file ({@link RecordingFigures}: every scope with its
 * exact figure, every allocation sample by scope, stack and class). Where that reader refuses the
 * file, a report that succeeds must say what it derives from the file without the damage it
 * refuses. A disagreement is counted apart, as ambiguous, where the damage gave a pool id a second
 * value (JMC's rule and the JDK reader's pick different values, and the JDK writes such ids itself)
 * or a clock of no whole number of ticks a nanosecond (the JDK's reader rounds the rate down).
 *
 * <p>{@code mvn verify} runs 40 cases (a few seconds); {@code -Dfuzz.cases=2400 -Dfuzz.seed=N}
 * runs more and prints totals by category, and {@code -Dfuzz.keep=DIR} keeps the file of each defect.
 */
class FuzzTest {

    private static final Set<Integer> DOCUMENTED = Set.of(0, 3, 4, 5);
    private static final Pattern UNFINISHED_NOTE = Pattern.compile("\\(chunk \\d+ at byte (\\d+)\\) is still being written");

    @TempDir
    Path folder;

    private byte[] original;
    private RecordingFigures originalFigures;
    /** The pool ids of the undamaged file that stand for two values (the JDK writes some). */
    private Set<String> originalTwoValueIds;
    /** Runs each report and each reading by the JDK's reader, so that a hang is a defect, not a stuck build. */
    private ExecutorService runner;

    private record Outcome(String category, String kind, String defect) {
    }

    @Test
    void damagedRecordingsGetACleanAnswer() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", 40);
        Path base = TestRecordings.record(folder.resolve("base.jfr"), FuzzTest::work);
        original = Files.readAllBytes(base);
        originalTwoValueIds = RecordingLayout.idsWithTwoValues(original);
        Mutations mutations = new Mutations(original);
        originalFigures = RecordingFigures.fromJdkReader(base);
        assertEquals(60, originalFigures.scopes().size());
        keep(base);
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 2026));
        runner = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fuzz-case");
            thread.setDaemon(true);
            return thread;
        });
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < cases; i++) {
                String category = Mutations.CATEGORIES.get(i % Mutations.CATEGORIES.size());
                byte[] damaged = mutations.apply(category, random);
                Path file = folder.resolve("case-" + i + ".jfr");
                Files.write(file, damaged);
                // A chunk repeated in a file is read once (as JMC does), where the JDK's reader reads it twice.
                RecordingFigures expected = mutations.isFirstChunkRepeated(damaged) ? originalFigures : null;
                Outcome outcome = judge(category, file, expected != null ? expected : jdkFigures(file),
                        () -> readableDamageFigures(damaged));
                if (outcome.defect != null) {
                    // The base recording is made anew each run: what was changed lets a CI log's defect be replayed.
                    outcome = new Outcome(category, outcome.kind,
                            outcome.defect + " (damage: " + damage(original, damaged) + ")");
                    keep(file);
                }
                outcomes.add(outcome);
                Files.deleteIfExists(file);
            }
        } finally {
            runner.shutdownNow();
        }
        Map<String, int[]> totals = new LinkedHashMap<>(); // category -> {clean errors, successes, ambiguous, defects}
        List<String> defects = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            int[] counts = totals.computeIfAbsent(outcome.category, c -> new int[4]);
            if (outcome.defect != null) {
                counts[3]++;
                defects.add(outcome.category + ": " + outcome.defect);
            } else {
                counts[switch (outcome.kind) {
                    case "success" -> 1;
                    case "ambiguous" -> 2;
                    default -> 0;
                }]++;
            }
        }
        StringBuilder summary = new StringBuilder("fuzz: " + cases + " cases\n");
        totals.forEach((category, c) -> summary.append(String.format(
                "  %-20s %4d clean errors %4d successes %4d ambiguous %4d defects%n", category, c[0], c[1], c[2], c[3])));
        System.out.print(summary);
        assertTrue(defects.isEmpty(), summary + String.join("\n", defects));
    }

    @Test
    void aClockOfNoWholeTicksANanosecondIsReadApart() throws Exception {
        byte[] file = Files.readAllBytes(TestRecordings.record(folder.resolve("clock.jfr"), () -> { }));
        assertFalse(RecordingLayout.clockReadApart(file), "the JDK's own clock");
        ByteBuffer.wrap(file).putLong(56, 150_000_500_000_000L);
        assertTrue(RecordingLayout.clockReadApart(file));
    }

    @Test
    void aDefectSaysWhatWasDamaged() {
        byte[] original = {1, 2, 3, 4, 5};
        assertEquals("2 bytes from offset 1: @1 02>ff @3 04>00", damage(original, new byte[] {1, -1, 3, 0, 5}));
        assertEquals("length 3 of 5", damage(original, new byte[] {1, 2, 3}));
        assertEquals("none", damage(original, original.clone()));
    }

    /** Figures worked out only when needed. */
    private interface Figures {
        RecordingFigures get() throws Exception;
    }

    /**
     * @param expected   what a success must report: what the JDK's reader derives from the file; null when it refuses it
     * @param ifRefused  what a success must report where the JDK's reader refuses the file
     */
    private Outcome judge(String category, Path file, RecordingFigures expected, Figures ifRefused) throws Exception {
        Path out = folder.resolve("out-" + file.getFileName());
        // scenarios.csv asked for: damage that makes two scopes' names and sizes alike turns the
        // report to per-name tables, which would leave the oracle nothing to compare.
        Future<ReportRun> future = runner.submit(() -> ReportRun.of("report", file.toString(), "--scenarios-csv", "yes",
                "--out", out.toString()));
        ReportRun run;
        try {
            run = future.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(category, "hang", "no answer in 60 s");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome(category, "bug", "exception " + e.getCause());
        }
        String all = run.out() + run.err();
        if (!DOCUMENTED.contains(run.exitCode())) {
            return new Outcome(category, "bug", "exit " + run.exitCode() + ": " + run.err());
        }
        if (all.contains("\tat ") || all.contains("Exception")) {
            return new Outcome(category, "bug", "a stack trace or exception name: " + run.err());
        }
        if (all.chars().anyMatch(c -> c < 32 && c != '\n' && c != '\r' && c != '\t')) {
            return new Outcome(category, "bug", "a raw control character");
        }
        if (run.exitCode() != 0) {
            if (run.err().lines().count() != 1) {
                return new Outcome(category, "bug", "not one line: " + run.err());
            }
            if (Files.exists(out) && listing(out) > 0) {
                return new Outcome(category, "bug", "partial output left");
            }
            return new Outcome(category, "clean error", null);
        }
        if (!Files.exists(out.resolve("scenarios.csv")) || !Files.exists(out.resolve("allocations.pb.gz"))) {
            return new Outcome(category, "bug", file.getFileName() + " succeeded without scenarios.csv or allocations.pb.gz: "
                    + run.out());
        }
        RecordingFigures reported = RecordingFigures.fromReport(out);
        Matcher unfinished = UNFINISHED_NOTE.matcher(run.err());
        if (unfinished.find()) {
            // A last chunk marked as still being written is left out and said so (the JDK's reader
            // waits for the JVM to finish it): fine if the rest reads as that reader reads it alone.
            byte[] finished = Arrays.copyOf(Files.readAllBytes(file), Integer.parseInt(unfinished.group(1)));
            RecordingFigures before = jdkFigures(Files.write(folder.resolve("finished-part.jfr"), finished));
            String difference = before == null ? "the JDK's reader refuses the finished chunks" : reported.differenceFrom(before);
            return difference == null ? new Outcome(category, "success", null)
                    : new Outcome(category, "bug", file.getFileName() + " left out an unfinished chunk: " + difference);
        }
        String difference;
        if (expected == null) {
            // The report reads only what it uses, so damage elsewhere that the JDK's reader refuses
            // may leave it reading the file: fine if it says what that reader says without the damage.
            difference = reported.differenceFrom(ifRefused.get());
            if (difference != null && !changedPoolId(file)) {
                return new Outcome(category, "bug", file.getFileName() + " succeeded where the JDK's reader fails, "
                        + "unlike the file without the damage that reader refuses: " + difference);
            }
        } else if ((difference = reported.differenceFrom(expected)) != null && !changedPoolId(file)
                && !RecordingLayout.clockReadApart(Files.readAllBytes(file))) {
            return new Outcome(category, "bug", file.getFileName() + " unlike the JDK's reader: " + difference);
        }
        if (difference != null) {
            return new Outcome(category, "ambiguous", null);
        }
        return new Outcome(category, "success", null);
    }

    /**
     * What the JDK's reader derives from the original with only the damage it reads: each run of
     * changed bytes in turn is kept if that reader still reads the file, and put back if not. For
     * damage that changes the file's length (a truncation, a chunk added), the original's figures.
     */
    private RecordingFigures readableDamageFigures(byte[] damaged) throws Exception {
        if (damaged.length != original.length) {
            return originalFigures;
        }
        byte[] kept = original.clone();
        RecordingFigures figures = originalFigures;
        Path candidate = folder.resolve("candidate.jfr");
        for (int at = 0; at < damaged.length; at++) {
            if (damaged[at] == original[at]) {
                continue;
            }
            int end = at;
            while (end < damaged.length && damaged[end] != original[end]) {
                end++;
            }
            byte[] tried = kept.clone();
            System.arraycopy(damaged, at, tried, at, end - at);
            RecordingFigures read = jdkFigures(Files.write(candidate, tried));
            if (read != null) {
                kept = tried;
                figures = read;
            }
            at = end;
        }
        return figures;
    }

    /**
     * What the JDK's own reader derives, or null when it cannot read the file (or spins on it:
     * on some damaged headers it never returns, so it gets 15 s).
     */
    private RecordingFigures jdkFigures(Path file) throws InterruptedException {
        Future<RecordingFigures> figures = runner.submit(() -> RecordingFigures.fromJdkReader(file));
        try {
            return figures.get(15, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            figures.cancel(true);
            return null;
        }
    }

    /**
     * Whether the damage gave a pool id a second value: the id of one constant changed to that of
     * another, say. No reader can tell which is right (the JDK writes such ids itself); JMC's rule
     * (the first met) and the JDK reader's (the last) then read the file apart.
     */
    private boolean changedPoolId(Path file) throws IOException {
        try {
            Set<String> ids = RecordingLayout.idsWithTwoValues(Files.readAllBytes(file));
            ids.removeAll(originalTwoValueIds);
            return !ids.isEmpty();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Where the damaged file differs from the original: its length when that changed, else the
     * first changed byte's offset, how many bytes differ, and the first 16 of them, old to new.
     */
    static String damage(byte[] original, byte[] damaged) {
        if (original.length != damaged.length) {
            return "length " + damaged.length + " of " + original.length;
        }
        int first = -1;
        int changed = 0;
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < original.length; i++) {
            if (original[i] != damaged[i]) {
                first = first < 0 ? i : first;
                if (changed++ < 16) {
                    bytes.append(String.format(" @%d %02x>%02x", i, original[i] & 0xFF, damaged[i] & 0xFF));
                }
            }
        }
        return first < 0 ? "none" : changed + " bytes from offset " + first + ":" + bytes;
    }

    /** With -Dfuzz.keep=DIR, a copy of the file there, to look into a defect. */
    private static void keep(Path file) throws IOException {
        String keep = System.getProperty("fuzz.keep");
        if (keep != null) {
            Files.copy(file, Files.createDirectories(Path.of(keep)).resolve(file.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int listing(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return (int) entries.count();
        }
    }

    static volatile Object sink;

    /** Scopes whose samples come from stacks of several depths and two classes, so the pools have something to lose. */
    private static void work() {
        for (int i = 0; i < 60; i++) {
            try (AllocationScope scope = AllocationScope.open("op-" + (i % 4), i)) {
                allocateAtDepth(i % 8, i % 2 == 0);
            }
        }
        sink = new byte[2 << 20];
    }

    private static void allocateAtDepth(int depth, boolean bytes) {
        if (depth > 0) {
            allocateAtDepth(depth - 1, bytes);
            return;
        }
        for (int j = 0; j < 2000; j++) {
            sink = bytes ? new byte[256] : new long[32];
        }
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged recordings, made from a real one by seeded mutations (truncations, byte flips, zeroed
 * regions, chunk-header fields, structural cases), each run through {@code report} with an
 * oracle: a documented exit code, one line of error and no stack trace, no raw control character,
 * no hang over 60 s, and where the report succeeds, the same number of scopes as the JDK's own
 * reader finds in the file (where that reader fails, the report must not succeed quietly).
 *
 * <p>CI runs a smoke subset; {@code -Dfuzz.cases=1200} runs more and prints totals by category.
 */
class FuzzTest {

    private static final Set<Integer> DOCUMENTED = Set.of(0, 3, 4, 5);
    private static final int HEADER = 68;

    @TempDir
    Path folder;

    private record Outcome(String category, String kind, String defect) {
    }

    @Test
    void damagedRecordingsGetACleanAnswer() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", 40);
        Path base = TestRecordings.record(folder.resolve("base.jfr"), FuzzTest::work);
        byte[] original = Files.readAllBytes(base);
        List<long[]> chunks = chunks(original);
        originalScopes = jdkScopeCount(base);
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 2026));
        ExecutorService runner = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fuzz-case");
            thread.setDaemon(true);
            return thread;
        });
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < cases; i++) {
                String category = switch (i % 5) {
                    case 0 -> "truncation";
                    case 1 -> "byte flips";
                    case 2 -> "zeroed region";
                    case 3 -> "chunk header field";
                    default -> "structure";
                };
                byte[] damaged = mutate(category, original, chunks, random);
                Path file = folder.resolve("case-" + i + ".jfr");
                Files.write(file, damaged);
                // A chunk repeated in a file is read once (as JMC does), where the JDK's reader reads it twice.
                Long expected = damaged.length > original.length && Arrays.equals(Arrays.copyOf(damaged, original.length),
                        original) && Arrays.equals(Arrays.copyOfRange(damaged, original.length, damaged.length),
                        Arrays.copyOfRange(original, 0, damaged.length - original.length))
                        ? jdkScopeCount(base, runner) : null;
                outcomes.add(judge(category, file, expected, runner));
                Files.deleteIfExists(file);
            }
        } finally {
            runner.shutdownNow();
        }
        Map<String, int[]> totals = new LinkedHashMap<>(); // category -> {clean error, success, defects}
        List<String> defects = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            int[] counts = totals.computeIfAbsent(outcome.category, c -> new int[3]);
            if (outcome.defect != null) {
                counts[2]++;
                defects.add(outcome.category + ": " + outcome.defect);
            } else {
                counts[outcome.kind.equals("success") ? 1 : 0]++;
            }
        }
        StringBuilder summary = new StringBuilder("fuzz: " + cases + " cases\n");
        totals.forEach((category, c) -> summary.append(String.format("  %-20s %4d clean errors %4d successes %4d defects%n",
                category, c[0], c[1], c[2])));
        System.out.print(summary);
        assertTrue(defects.isEmpty(), summary + String.join("\n", defects));
    }

    /** @param expectedScopes the scopes a success must report, or null for the JDK reader's count of the file */
    private long originalScopes;

    private Outcome judge(String category, Path file, Long expectedScopes, ExecutorService runner) throws Exception {
        Path out = folder.resolve("out-" + file.getFileName());
        Future<ReportRun> future = runner.submit(() -> ReportRun.of("report", file.toString(), "--out", out.toString()));
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
        Long jdkScopes = expectedScopes != null ? expectedScopes : jdkScopeCount(file, runner);
        if (run.exitCode() != 0) {
            if (run.err().lines().count() != 1) {
                return new Outcome(category, "bug", "not one line: " + run.err());
            }
            if (Files.exists(out) && listing(out) > 0) {
                return new Outcome(category, "bug", "partial output left");
            }
            return new Outcome(category, "clean error", null);
        }
        String last = run.out().lines().reduce((a, b) -> b).orElse("");
        if (jdkScopes == null) {
            // JMC reads some files the JDK's reader refuses: fine if nothing was dropped.
            return last.startsWith(String.format("%,d scopes,", originalScopes)) ? new Outcome(category, "success", null)
                    : new Outcome(category, "bug", "succeeded with scopes missing where the JDK's reader fails: " + last);
        }
        if (!last.startsWith(String.format("%,d scopes,", jdkScopes))) {
            return new Outcome(category, "bug", "JDK reader finds " + jdkScopes + " scopes; report says: " + last);
        }
        return new Outcome(category, "success", null);
    }

    /**
     * The scopes the JDK's own reader finds, or null when it cannot read the file (or spins on it:
     * on some damaged headers it never returns, so it gets 15 s).
     */
    private static Long jdkScopeCount(Path file, ExecutorService runner) throws InterruptedException {
        Future<Long> count = runner.submit(() -> jdkScopeCount(file));
        try {
            return count.get(15, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            count.cancel(true);
            return null;
        }
    }

    private static Long jdkScopeCount(Path file) {
        try {
            long count = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("allocrec.Scenario")) {
                    count++;
                }
            }
            return count;
        } catch (IOException | RuntimeException | Error e) {
            return null;
        }
    }

    private static int listing(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return (int) entries.count();
        }
    }

    private static byte[] mutate(String category, byte[] original, List<long[]> chunks, SplittableRandom random) {
        byte[] data = original.clone();
        switch (category) {
            case "truncation" -> {
                return Arrays.copyOf(data, 1 + random.nextInt(data.length - 1));
            }
            case "byte flips" -> {
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(data.length);
                    data[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case "zeroed region" -> {
                int at = random.nextInt(data.length);
                Arrays.fill(data, at, Math.min(data.length, at + 1 + random.nextInt(256)), (byte) 0);
            }
            case "chunk header field" -> {
                long[] chunk = chunks.get(random.nextInt(chunks.size()));
                int field = 8 + 8 * random.nextInt(7); // size, cp, metadata, start, duration, ticks, ticks/s
                long[] values = {0, -1, 1, 67, Long.MAX_VALUE, 1L << 40, chunk[1] + 1, chunk[1] / 2};
                ByteBuffer.wrap(data).putLong((int) chunk[0] + field, values[random.nextInt(values.length)]);
            }
            default -> {
                switch (random.nextInt(4)) {
                    case 0 -> { // a chunk twice
                        long[] chunk = chunks.get(0);
                        byte[] twice = Arrays.copyOf(data, data.length + (int) chunk[1]);
                        System.arraycopy(data, (int) chunk[0], twice, data.length, (int) chunk[1]);
                        return twice;
                    }
                    case 1 -> { // garbage after the last chunk
                        byte[] tail = Arrays.copyOf(data, data.length + 1 + random.nextInt(100));
                        for (int i = data.length; i < tail.length; i++) {
                            tail[i] = (byte) random.nextInt(256);
                        }
                        return tail;
                    }
                    case 2 -> { // a major version the parser does not read
                        ByteBuffer.wrap(data).putShort(4, (short) (3 + random.nextInt(100)));
                    }
                    default -> { // only the header
                        return Arrays.copyOf(data, HEADER);
                    }
                }
            }
        }
        return data;
    }

    /** {offset, size} of each chunk. */
    private static List<long[]> chunks(byte[] data) {
        List<long[]> chunks = new ArrayList<>();
        long offset = 0;
        while (offset < data.length) {
            long size = ByteBuffer.wrap(data).getLong((int) offset + 8);
            chunks.add(new long[] {offset, size});
            offset += size;
        }
        assertEquals(data.length, chunks.stream().mapToLong(c -> c[1]).sum());
        return chunks;
    }

    static volatile Object sink;

    private static void work() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            try (AllocationScope scope = AllocationScope.open("op-" + (i % 4), i)) {
                for (int j = 0; j < 2000; j++) {
                    sink = new byte[256];
                }
            }
        }
        sink = new byte[2 << 20];
    }
}

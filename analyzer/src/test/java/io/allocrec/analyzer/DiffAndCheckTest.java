package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import io.allocrec.recorder.AllocationTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} and {@code check} on real recordings of a workload whose truth is known by
 * construction: three scope names allocating byte arrays of random sizes (a different seed per
 * run, as two runs of a service differ), once as is, again as is, and once with one name's
 * arrays 10% larger (200 bytes more per call on average).
 */
class DiffAndCheckTest {

    private static final int CALLS = 4000;
    /** Keeps the arrays reachable, so the JIT cannot remove their allocation. */
    private static final byte[][] SINK = new byte[64][];

    @TempDir
    static Path dir;
    private static Path base;
    private static Path same;
    private static Path inflated;

    @BeforeAll
    static void record() throws Exception {
        run(Map.of(), 99); // warms the JIT, so the recorded runs allocate alike
        base = TestRecordings.record(dir.resolve("base.jfr"), () -> run(Map.of(), 1));
        same = TestRecordings.record(dir.resolve("same.jfr"), () -> run(Map.of(), 2));
        inflated = TestRecordings.record(dir.resolve("inflated.jfr"), () -> run(Map.of("parse", 1.10), 3));
    }

    /** Each name allocates arrays of a mean size (uniform within +-50%), times its factor. */
    private static void run(Map<String, Double> factors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> meanSizes = Map.of("parse", 2000, "render", 6000, "log", 400);
        for (int i = 0; i < CALLS; i++) {
            for (Map.Entry<String, Integer> name : meanSizes.entrySet()) {
                int mean = (int) Math.round(name.getValue() * factors.getOrDefault(name.getKey(), 1.0));
                try (AllocationScope scope = AllocationScope.open(name.getKey())) {
                    SINK[i % SINK.length] = new byte[random.nextInt(mean / 2, mean + mean / 2)];
                }
            }
        }
    }

    private static Map<String, Map<String, String>> diffRows(Path out) throws Exception {
        return CsvRows.read(out.resolve("diff.csv")).rows().stream()
                .collect(Collectors.toMap(row -> row.get("scope"), CSVRecord::toMap));
    }

    @Test
    void twoRunsOfTheSameCodeAreUnchangedForEveryName() throws Exception {
        Path out = dir.resolve("same-diff");
        ReportRun run = ReportRun.of("diff", base.toString(), same.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        Map<String, Map<String, String>> rows = diffRows(out);
        assertEquals(3, rows.size());
        rows.values().forEach(row -> assertAll(
                () -> assertEquals("unchanged", row.get("verdict"), row::toString),
                () -> assertEquals("yes", row.get("exact")),
                () -> assertEquals(String.valueOf(CALLS), row.get("new_calls")),
                // the interval holds the change and is narrower than the threshold either side
                () -> assertTrue(Double.parseDouble(row.get("change_low")) <= Double.parseDouble(row.get("change"))),
                () -> assertTrue(Double.parseDouble(row.get("change_high")) - Double.parseDouble(row.get("change_low"))
                        < 0.04, row::toString)));
    }

    @Test
    void aChangeInOneNameIsCaughtAndTheOthersStayUnchanged() throws Exception {
        Path out = dir.resolve("inflated-diff");
        ReportRun run = ReportRun.of("diff", "--base", base.toString(), "--new", inflated.toString(), "--out", out.toString());
        assertEquals(7, run.exitCode(), run.err() + run.out());
        Map<String, Map<String, String>> rows = diffRows(out);
        Map<String, String> parse = rows.get("parse");
        double grewBy = Double.parseDouble(parse.get("new_mean_bytes")) - Double.parseDouble(parse.get("base_mean_bytes"));
        assertAll(
                () -> assertEquals("regressed", parse.get("verdict")),
                // arrays of 1,000..2,999 bytes became 1,100..3,299: 200 more on average, the difference of two
                // means of 4,000 random sizes each (standard error about 14 bytes); the scope's own bytes cancel
                () -> assertEquals(200, grewBy, 60, () -> "grew by " + grewBy),
                () -> assertEquals("unchanged", rows.get("render").get("verdict")),
                () -> assertEquals("unchanged", rows.get("log").get("verdict")),
                () -> assertTrue(run.out().contains("1 regressed"), run.out()),
                () -> assertTrue(Files.readString(out.resolve("index.html")).contains("regressed"), "the page's verdicts"));
    }

    @Test
    void aThresholdAboveTheChangeLetsItPass() {
        Path out = dir.resolve("lenient-diff");
        ReportRun run = ReportRun.of("diff", base.toString(), inflated.toString(), "--out", out.toString(),
                "--threshold", "10");
        assertEquals(0, run.exitCode(), run.err() + run.out());
    }

    /** A sweep as the harness runs one (retained bytes measured): at {@code grownSize} the arrays are 10% larger. */
    private static void sweep(long grownSize) {
        for (long size : new long[] {10, 100, 1000}) {
            int length = (int) (size * (size == grownSize ? 110 : 100));
            AllocationTracker.scenario("fill").size(size).run(() -> new byte[length]);
        }
    }

    @Test
    void twoSweepsAreComparedSizeBySize() throws Exception {
        sweep(0);
        Path before = TestRecordings.record(dir.resolve("sweep-before.jfr"), () -> sweep(0));
        Path after = TestRecordings.record(dir.resolve("sweep-after.jfr"), () -> sweep(1000));
        Path out = dir.resolve("sweep-diff");
        ReportRun run = ReportRun.of("diff", before.toString(), after.toString(), "--out", out.toString());
        Map<String, Map<String, String>> rows = diffRows(out);
        assertAll(
                () -> assertEquals(7, run.exitCode(), run.err() + run.out()),
                () -> assertEquals(List.of("fill n=10", "fill n=100", "fill n=1000"), rows.keySet().stream().sorted().toList()),
                () -> assertEquals("unchanged", rows.get("fill n=10").get("verdict")),
                () -> assertEquals("unchanged", rows.get("fill n=100").get("verdict")),
                () -> assertEquals("regressed", rows.get("fill n=1000").get("verdict")),
                // 110,016 / 100,016 bytes (array headers, JOL-sized on this JVM: 16 bytes) plus the same few scope bytes
                () -> assertEquals(0.0999, Double.parseDouble(rows.get("fill n=1000").get("change")), 0.001));

        // Two runs a side: each (name, size) now has two calls, still compared size by size.
        Path before2 = TestRecordings.record(dir.resolve("sweep-before-2.jfr"), () -> sweep(0));
        Path after2 = TestRecordings.record(dir.resolve("sweep-after-2.jfr"), () -> sweep(1000));
        Path twice = dir.resolve("sweep-diff-twice");
        ReportRun repeated = ReportRun.of("diff", "--base", before.toString(), "--base", before2.toString(),
                "--new", after.toString(), "--new", after2.toString(), "--out", twice.toString());
        Map<String, Map<String, String>> repeatedRows = diffRows(twice);
        assertAll(
                () -> assertEquals(7, repeated.exitCode(), repeated.err() + repeated.out()),
                () -> assertEquals("2", repeatedRows.get("fill n=1000").get("new_calls")),
                () -> assertEquals("regressed", repeatedRows.get("fill n=1000").get("verdict")),
                () -> assertEquals("unchanged", repeatedRows.get("fill n=10").get("verdict")));
    }

    @Test
    void diffNeedsBothSides() {
        ReportRun run = ReportRun.of("diff", base.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    private static Path budget(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void checkPassesWithinBudgetsAndFailsNamingTheExceededOne() throws Exception {
        // parse's arrays average 2,000 bytes plus a 16-byte header: its mean lies near 2,016 bytes a call
        Path budgets = budget("budgets.csv", "scope,metric,limit\nparse,mean_bytes,2100\nrender,calls,4000\n"
                + "log,p99_bytes,1000\n");
        Path out = dir.resolve("check-ok");
        ReportRun ok = ReportRun.of("check", base.toString(), "--budget", budgets.toString(), "--out", out.toString());
        assertEquals(0, ok.exitCode(), ok.err() + ok.out());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("all 3 allocation budgets hold"));

        Path tight = budget("tight.csv", "scope,metric,limit\nparse,mean_bytes,1900\nrender,calls,4000\n");
        Path failed = dir.resolve("check-failed");
        ReportRun exceeded = ReportRun.of("check", base.toString(), "--budget", tight.toString(), "--out", failed.toString());
        String summary = Files.readString(failed.resolve("summary.md"));
        assertAll(
                () -> assertEquals(7, exceeded.exitCode(), exceeded.err() + exceeded.out()),
                () -> assertTrue(exceeded.out().contains("EXCEEDED parse mean_bytes"), exceeded.out()),
                () -> assertTrue(summary.contains("1 of 2 allocation budgets exceeded"), summary),
                () -> assertTrue(summary.contains("| ❌ | `parse` | mean_bytes |"), summary));
    }

    @Test
    void aBudgetThatCannotBeUsedIsExitTwoWithOneLineAndNoSummary() throws Exception {
        List<String> bad = List.of(
                "scope,metric,limit\nnobody,mean_bytes,100\n",      // unknown scope
                "scope,metric,limit\nparse,median_bytes,100\n",     // unknown metric
                "scope,metric\nparse,mean_bytes\n",                 // wrong header
                "scope,metric,limit\nparse,mean_bytes,lots\n",      // not a number
                "scope,metric,limit\n",                             // no budget
                "");                                                // empty
        for (int i = 0; i < bad.size(); i++) {
            Path out = dir.resolve("bad-check-" + i);
            ReportRun run = ReportRun.of("check", base.toString(), "--budget", budget("bad" + i + ".csv", bad.get(i)).toString(),
                    "--out", out.toString());
            int index = i;
            assertAll(
                    () -> assertEquals(2, run.exitCode(), () -> "case " + index + ": " + run.err() + run.out()),
                    () -> assertEquals(1, run.err().lines().count(), () -> "case " + index + ": " + run.err()),
                    () -> assertFalse(Files.exists(out.resolve("summary.md")), () -> "case " + index));
        }
        ReportRun missing = ReportRun.of("check", base.toString(), "--budget", dir.resolve("none.csv").toString(),
                "--out", dir.resolve("bad-check-missing").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("none.csv: no such file"), missing.err());
    }

    @Test
    void aBudgetFileFromASpreadsheetReadsAndErrorsNameTheFilesOwnLine() throws Exception {
        // Excel's "CSV UTF-8" starts with a byte order mark and ends lines with CRLF
        Path excel = budget("excel.csv", "\uFEFFscope,metric,limit\r\nparse,mean_bytes,2100\r\n");
        ReportRun ok = ReportRun.of("check", base.toString(), "--budget", excel.toString(), "--out",
                dir.resolve("check-excel").toString());
        assertEquals(0, ok.exitCode(), ok.err());
        // the bad metric is on the file's fourth line, after two blank ones
        Path gaps = budget("gaps.csv", "scope,metric,limit\n\n\nparse,bogus,1\n");
        ReportRun bad = ReportRun.of("check", base.toString(), "--budget", gaps.toString(), "--out",
                dir.resolve("check-gaps").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("line 4: unknown metric 'bogus'"), bad.err());
    }
}

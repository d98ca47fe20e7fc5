package io.allocrec.junit;

import static io.allocrec.junit.AllocationAssertions.assertAllocatesAtMost;
import static io.allocrec.junit.GroundTruth.grouped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** {@link AllocationAssertions}, against JOL's sizes of what the code allocates. */
class AllocationAssertionsTest {

    private Object kept;

    @Test
    void codeThatAllocatesNothingMeasuresZero() {
        assertEquals(0, assertAllocatesAtMost(0, () -> { }));
    }

    @Test
    void returnsTheExactBytesOfTheMeasuredRun() {
        long array = GroundTruth.longArrayBytes();
        assertEquals(array, assertAllocatesAtMost(array, () -> kept = new long[BudgetExamples.ELEMENTS]));
    }

    @Test
    void warmUpRunsLeaveOneTimeCostsOutOfTheMeasuredRun() {
        long array = GroundTruth.longArrayBytes();
        long table = org.openjdk.jol.vm.VM.current().sizeOf(new long[100 * BudgetExamples.ELEMENTS]);
        // Each holder's first use builds its table, 100 times the array: a one-time cost.
        AssertionFailedError cold = assertThrows(AssertionFailedError.class,
                () -> assertAllocatesAtMost(array, () -> kept = ColdTable.entry()));
        long measured = Long.parseLong(cold.getMessage().replaceFirst("(?s).*? allocated ([0-9,]+) bytes.*", "$1")
                .replace(",", ""));
        assertTrue(measured >= table + array, cold.getMessage());
        assertEquals(array, assertAllocatesAtMost(array, 1, () -> kept = WarmedTable.entry()));
    }

    @Test
    void overBudgetReRunsTheCodeUnderJfrAndKeepsTheRecording(@TempDir Path folder) throws IOException {
        String previous = System.setProperty(StackEvidence.FOLDER, folder.toString());
        String message;
        try {
            message = AllocationBudgetTest.onlyFailure(
                    AllocationBudgetTest.run(BudgetExamples.AssertionOverBudget.class, Map.of())).getMessage();
        } finally {
            if (previous == null) {
                System.clearProperty(StackEvidence.FOLDER);
            } else {
                System.setProperty(StackEvidence.FOLDER, previous);
            }
        }
        long array = GroundTruth.longArrayBytes();
        assertTrue(message.startsWith("The code measured in BudgetExamples.AssertionOverBudget.allocatesOneArray()"
                + " allocated " + grouped(array) + " bytes, 1 byte (<0.1%) over its budget of " + grouped(array - 1)
                + " bytes (exact: the thread's allocation counter).\nTop allocating stacks (sampled by JFR, so the"
                + " shares are estimates: "), message);
        Path kept = folder.resolve("io.allocrec.junit.BudgetExamples$AssertionOverBudget.allocatesOneArray.jfr");
        assertTrue(message.contains(" re-runs of the code; recording kept at " + kept.toAbsolutePath() + "):\n"), message);
        assertTrue(message.contains("): long[]\n"
                + "      at io.allocrec.junit.BudgetExamples$AssertionOverBudget.lambda$allocatesOneArray$"), message);
        assertTrue(message.contains("\n      at io.allocrec.junit.BudgetExamples$AssertionOverBudget.allocatesOneArray"
                + " line "), "the caller, past this library's own frames: " + message);
        assertTrue(Files.size(kept) > 0);
    }

    @Test
    void withinBudgetThroughJunitPasses() {
        AllocationBudgetTest.run(BudgetExamples.AssertionWithinBudget.class, Map.of())
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aNegativeBudgetOrWarmUpIsRejected() {
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> assertAllocatesAtMost(-1, () -> { }));
        assertEquals("assertAllocatesAtMost: a budget is 0 bytes or more, not -1", budget.getMessage());
        IllegalArgumentException warmUp = assertThrows(IllegalArgumentException.class,
                () -> assertAllocatesAtMost(0, -1, () -> { }));
        assertEquals("assertAllocatesAtMost: warmUpRuns is 0 or more, not -1", warmUp.getMessage());
    }

    @Test
    void whatTheCodeThrowsIsRethrownAsIs() {
        IOException thrown = new IOException("disk full");
        assertSame(thrown, assertThrows(IOException.class, () -> assertAllocatesAtMost(1024, () -> {
            throw thrown;
        })));
    }

    @Test
    void onAVirtualThreadTheBudgetIsSkippedAndTheCodeNotRun() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads are JDK 21+");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        Runnable task = () -> {
            try {
                assertAllocatesAtMost(1024, () -> ran.set(true));
            } catch (Throwable e) {
                outcome.set(e);
            }
        };
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        ((Thread) start.invoke(builder, task)).join();
        Throwable skipped = outcome.get();
        assertTrue(skipped instanceof TestAbortedException, String.valueOf(skipped));
        assertEquals("Skipped: the allocation budget of 1,024 bytes cannot be checked because it runs on a virtual"
                + " thread, and the JVM counts no allocated bytes for virtual threads"
                + " (ThreadMXBean.getCurrentThreadAllocatedBytes() is -1); the code was not run.", skipped.getMessage());
        assertEquals(false, ran.get());
    }

    /** Builds a table on first use; used by one measurement only, so its first use is measured. */
    private static final class ColdTable {
        private static final long[] TABLE = new long[100 * BudgetExamples.ELEMENTS];

        static Object entry() {
            return new long[TABLE.length / 100];
        }
    }

    /** As {@link ColdTable}, for the warmed-up measurement. */
    private static final class WarmedTable {
        private static final long[] TABLE = new long[100 * BudgetExamples.ELEMENTS];

        static Object entry() {
            return new long[TABLE.length / 100];
        }
    }
}

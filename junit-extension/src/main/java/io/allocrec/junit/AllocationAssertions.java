package io.allocrec.junit;

import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Allocation budgets for a piece of code inside a test:
 *
 * <pre>{@code
 * import static io.allocrec.junit.AllocationAssertions.assertAllocatesAtMost;
 *
 * @Test
 * void parsingAShortLineAllocatesOnlyTheResult() {
 *     long bytes = assertAllocatesAtMost(4096, 10, () -> parser.parse("GET /orders"));
 * }
 * }</pre>
 *
 * <p>The figure is exact: the bytes the calling thread allocated while the code ran, from its
 * allocation counter ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}),
 * read right before and right after; garbage counts the same as what the code keeps, and what it
 * allocates on other threads is not counted.
 *
 * <p>Over budget, the code is run again under a JFR recording of allocation samples, repeatedly
 * until it has allocated 128 MiB or for 2 seconds, whichever comes first, because JFR samples a
 * thread's allocations only when the thread refills its TLAB (thread-local allocation buffer,
 * hundreds of KB or more): one run of a small code path would usually give no sample. The failure
 * message then lists the top allocating stacks, and the recording is kept for JDK Mission Control
 * at {@code target/allocrec-junit/<calling class>.<method>.jfr} (folder: system property
 * {@value StackEvidence#FOLDER}). So code given here must be safe to run many times. Nothing is
 * recorded or kept when the code is within budget.
 *
 * <p>Where the JVM cannot count the thread's bytes (a virtual thread, a JVM without the
 * measurement), the code is not run and the test is skipped with the reason.
 */
public final class AllocationAssertions {

    private static final long RERUN_BYTES = 128L << 20;
    private static final long RERUN_NANOS = 2_000_000_000L;

    private AllocationAssertions() {
    }

    /**
     * Runs {@code code} once and fails if it allocated more than {@code maxBytes} on this thread.
     * The one run includes whatever is done for the first time in this JVM (see
     * {@link #assertAllocatesAtMost(long, int, Executable)}).
     *
     * @param maxBytes the budget, 0 or more
     * @param code     the code to measure; anything it throws is rethrown as is
     * @return the exact bytes the run allocated, at most {@code maxBytes}
     * @throws AssertionFailedError when it allocated more, with the top allocating stacks
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public static long assertAllocatesAtMost(long maxBytes, Executable code) {
        return assertAllocatesAtMost(maxBytes, 0, code);
    }

    /**
     * Runs {@code code} {@code warmUpRuns} times unmeasured, then once measured, and fails if that
     * run allocated more than {@code maxBytes} on this thread.
     *
     * <p>The first call of any code in a JVM allocates for one-time work: loading and
     * initialising classes (static fields, caches), linking lambdas and string concatenations,
     * filling lazily built tables. A few warm-up runs leave the steady state, what every later
     * call allocates. Many warm-up runs let the JIT compile the code, and compiled code may
     * allocate less (escape analysis removes allocations that do not outlive the call), as it
     * would in a long-running application.
     *
     * @param maxBytes   the budget, 0 or more
     * @param warmUpRuns unmeasured runs first, 0 or more
     * @param code       the code to measure; anything it throws is rethrown as is
     * @return the exact bytes the measured run allocated, at most {@code maxBytes}
     * @throws AssertionFailedError when it allocated more, with the top allocating stacks
     * @throws IllegalArgumentException when {@code maxBytes} or {@code warmUpRuns} is negative
     */
    public static long assertAllocatesAtMost(long maxBytes, int warmUpRuns, Executable code) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("assertAllocatesAtMost: a budget is 0 bytes or more, not " + maxBytes);
        }
        if (warmUpRuns < 0) {
            throw new IllegalArgumentException("assertAllocatesAtMost: warmUpRuns is 0 or more, not " + warmUpRuns);
        }
        Objects.requireNonNull(code, "code");
        Optional<String> uncounted = AllocationCounter.whyUncounted();
        if (uncounted.isPresent()) {
            throw new TestAbortedException(String.format("Skipped: the allocation budget of %s cannot be checked"
                    + " because %s; the code was not run.", OverBudget.count(maxBytes, "byte"), uncounted.get()));
        }
        for (int i = 0; i < warmUpRuns; i++) {
            run(code);
        }
        AllocationScope scope = AllocationScope.measure("assertAllocatesAtMost");
        try (scope) {
            run(code);
        }
        long allocated = scope.allocatedBytes();
        if (allocated > maxBytes) {
            StackWalker.StackFrame caller = caller();
            String simpleName = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1);
            String subject = "The code measured in " + simpleName.replace('$', '.') + "." + caller.getMethodName() + "()";
            Path file = StackEvidence.file(Optional.ofNullable(System.getProperty(StackEvidence.FOLDER)),
                    caller.getClassName() + "." + caller.getMethodName());
            throw new AssertionFailedError(new OverBudget(subject, allocated, maxBytes).message(stacks(code, file)));
        }
        return allocated;
    }

    /** Re-runs the code under JFR until the samples can say something, bounded in bytes and time. */
    private static StackEvidence stacks(Executable code, Path file) {
        Optional<String> noJfr = StackEvidence.whyNoJfr();
        if (noJfr.isPresent()) {
            return StackEvidence.none("No allocation stacks: " + noJfr.get());
        }
        try (AllocationRecording recording = AllocationRecording.start()) {
            recording.windowStarts();
            long start = AllocationCounter.current();
            long deadline = System.nanoTime() + RERUN_NANOS;
            long runs = 0;
            String stopped = "";
            try {
                do {
                    code.execute();
                    runs++;
                } while (AllocationCounter.current() - start < RERUN_BYTES && System.nanoTime() - deadline < 0);
            } catch (Throwable e) {
                stopped = " The re-runs stopped when run " + (runs + 1) + " threw " + e + ".";
            }
            long allocated = AllocationCounter.current() - start;
            recording.windowEnds();
            TopStacks stacks = recording.stopAndWrite(file);
            String reruns = String.format(Locale.ROOT, "%,d re-run%s of the code", runs, runs == 1 ? "" : "s");
            if (stacks.shares().isEmpty()) {
                Files.deleteIfExists(file);
                return StackEvidence.none(String.format("No allocation stacks: JFR caught no allocation sample in %s"
                        + " (%s in all; JFR samples when a thread refills its TLAB, and compiled code may allocate"
                        + " less than the measured run); no recording kept.%s",
                        reruns, OverBudget.count(allocated, "byte"), stopped));
            }
            return StackEvidence.sampled(stacks, file, "from " + reruns).withNote(stopped.trim());
        } catch (IOException | RuntimeException e) {
            return StackEvidence.none("No allocation stacks: the JFR recording could not be kept at " + file
                    + " (" + e + ").");
        }
    }

    private static StackWalker.StackFrame caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(AllocationAssertions.class.getName()))
                .findFirst()).orElseThrow();
    }

    private static void run(Executable code) {
        try {
            code.execute();
        } catch (Throwable e) {
            throw AllocationAssertions.<RuntimeException>rethrown(e);
        }
    }

    /** Rethrows any throwable unwrapped, checked ones included, as JUnit's own assertions do. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrown(Throwable e) throws T {
        throw (T) e;
    }
}

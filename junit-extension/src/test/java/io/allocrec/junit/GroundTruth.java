package io.allocrec.junit;

import java.util.Locale;
import java.util.function.Supplier;
import org.openjdk.jol.vm.VM;

/** Sizes from JOL, independent of the thread allocation counter the library reads. */
final class GroundTruth {

    private GroundTruth() {
    }

    /** JOL's size of {@code new long[1000]}. */
    static long longArrayBytes() {
        return VM.current().sizeOf(new long[BudgetExamples.ELEMENTS]);
    }

    /**
     * JOL's size of a lambda capturing one reference: what JUnit 5.14's
     * {@code ReflectionUtils.invokeMethod} allocates on each call of a test method.
     */
    static long capturingLambdaBytes() {
        Object captured = new Object();
        Supplier<String> lambda = () -> captured.toString();
        return VM.current().sizeOf(lambda);
    }

    /** "8,016", as the messages write byte counts. */
    static String grouped(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes);
    }
}

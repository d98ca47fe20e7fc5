package io.allocrec.junit;

import java.util.Locale;

/**
 * A run that allocated more than its budget, told as a sentence:
 * "OrderTest.handles() allocated 5,120 bytes, 1,024 bytes (25%) over its budget of 4,096 bytes
 * (exact: the thread's allocation counter)."
 *
 * @param subject        what allocated, e.g. {@code OrderTest.handles()}
 * @param allocatedBytes the exact bytes it allocated
 * @param budgetBytes    its budget, 0 or more
 */
record OverBudget(String subject, long allocatedBytes, long budgetBytes) {

    /**
     * The first sentence, then the evidence on its own lines.
     *
     * @param evidence where the bytes went, as far as JFR can tell
     * @return the failure message
     */
    String message(StackEvidence evidence) {
        return sentence() + "\n" + evidence;
    }

    String sentence() {
        long over = allocatedBytes - budgetBytes;
        String share = budgetBytes == 0 ? "" : " (" + overShare(over) + ")";
        return String.format(Locale.ROOT,
                "%s allocated %s, %s%s over its budget of %s (exact: the thread's allocation counter).",
                subject, count(allocatedBytes, "byte"), count(over, "byte"), share,
                count(budgetBytes, "byte"));
    }

    private String overShare(long over) {
        double percent = 100.0 * over / budgetBytes;
        if (percent >= 10) {
            return String.format(Locale.ROOT, "%,.0f%%", percent);
        }
        return percent >= 0.1 ? String.format(Locale.ROOT, "%.1f%%", percent) : "<0.1%";
    }

    /** "1 byte", "5,120 bytes". */
    static String count(long n, String unit) {
        return String.format(Locale.ROOT, "%,d %s%s", n, unit, n == 1 ? "" : "s");
    }
}

package io.allocrec.example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Compares the recording-on windows of an alternation with the recording-off windows around
 * them. An on-window is set against the mean of the off-window just before and the one just
 * after it, so that a drift of the machine that is linear over the three windows cancels out.
 * No window takes part in two comparisons (every other on-window is used), so the comparisons
 * are independent and the distribution-free confidence interval of their median holds (no
 * assumption that they are normally distributed, which they are not on a shared machine).
 */
final class PairedWindows {

    /** A median change and its 95% confidence interval, as fractions (-0.02 is 2% lower). */
    record Change(double median, double low, double high, int pairs) {
    }

    private PairedWindows() {
    }

    /**
     * The relative change of {@code metric} in on-windows against the mean of their two
     * neighbouring off-windows. Windows must be in time order; an on-window without an
     * off-window on both sides, or whose neighbour took part in the previous comparison, is not
     * used.
     */
    static double[] changes(List<Window> windows, ToDoubleFunction<Window> metric) {
        List<Double> changes = new ArrayList<>();
        int firstUnused = 0;
        for (int i = 1; i + 1 < windows.size(); i++) {
            Window before = windows.get(i - 1);
            Window on = windows.get(i);
            Window after = windows.get(i + 1);
            if (i - 1 < firstUnused || !on.recording() || before.recording() || after.recording()) {
                continue;
            }
            double off = (metric.applyAsDouble(before) + metric.applyAsDouble(after)) / 2;
            double change = metric.applyAsDouble(on) / off - 1;
            if (Double.isFinite(change)) {
                changes.add(change);
                firstUnused = i + 2;
            }
        }
        return changes.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The median of {@code changes} and a confidence interval of at least 95% for it, from the
     * order statistics (the binomial sign-test interval); empty when fewer than 6 changes are
     * given, too few for such an interval.
     */
    static Optional<Change> median(double[] changes) {
        int n = changes.length;
        if (n < 6) {
            return Optional.empty();
        }
        double[] sorted = changes.clone();
        Arrays.sort(sorted);
        // The largest k with P(X < k) <= 2.5% for X ~ Binomial(n, 1/2): then the interval
        // [x(k), x(n+1-k)] (1-based) covers the true median with at least 95% probability.
        int k = 0;
        double below = 0;
        for (int j = 0; j < n; j++) {
            double next = below + binomialHalf(n, j);
            if (next > 0.025) {
                break;
            }
            below = next;
            k = j + 1;
        }
        k = Math.max(k, 1);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Optional.of(new Change(median, sorted[k - 1], sorted[n - k], n));
    }

    /** P(X = j) for X ~ Binomial(n, 1/2), through logarithms so that large n cannot overflow. */
    private static double binomialHalf(int n, int j) {
        double logChoose = 0;
        for (int i = 1; i <= j; i++) {
            logChoose += Math.log(n - j + i) - Math.log(i);
        }
        return Math.exp(logChoose - n * Math.log(2));
    }
}

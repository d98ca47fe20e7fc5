package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.aggregate.ScopeDiff.Verdict;
import io.allocrec.analyzer.attribute.StudentT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two sets of per-name summaries: for each scope name, the relative change in bytes per
 * call with a 99% interval, and a verdict that needs the whole interval beyond a threshold, so that
 * run-to-run noise (the JIT's, measured at 0.3% between two runs of the same code) is no regression.
 *
 * <p>Where every call on both sides has an exact figure, the interval is Welch's for the ratio of
 * two means (the delta method: the variance of new/base from each side's variance of the mean),
 * with Student's t at Welch-Satterthwaite's degrees of freedom. A side with one call has no spread
 * to measure: only the other side's widens the interval (with one call on each, the interval is
 * the change itself and the threshold alone decides). Where a
 * side is sampled, the interval combines the two estimates' 95% intervals end to end (new low over
 * base high, new high over base low): wider than 99% needs, so it errs towards unchanged.
 */
public final class ScopeComparison {

    /** The default threshold: 2%. */
    public static final double DEFAULT_THRESHOLD = 0.02;

    private ScopeComparison() {
    }

    public static List<ScopeDiff> compare(List<ScopeNameSummary> base, List<ScopeNameSummary> next, double threshold) {
        Map<String, ScopeNameSummary> baseByName = new LinkedHashMap<>();
        base.forEach(s -> baseByName.put(s.name(), s));
        List<ScopeDiff> diffs = new ArrayList<>();
        for (ScopeNameSummary n : next) {
            ScopeNameSummary b = baseByName.remove(n.name());
            diffs.add(b == null ? added(n) : compare(b, n, threshold));
        }
        baseByName.values().forEach(b -> diffs.add(removed(b)));
        return diffs;
    }

    static ScopeDiff compare(ScopeNameSummary b, ScopeNameSummary n, double threshold) {
        boolean exact = b.meanIsExact() && n.meanIsExact();
        double baseMean = b.meanPerCall();
        double newMean = n.meanPerCall();
        double change = newMean / baseMean - 1;
        double low;
        double high;
        if (exact && baseMean == 0) {
            // From nothing: no ratio. Regressed when the new side surely allocates (its mean's
            // lower bound is above 0), otherwise unchanged; both 0 is no change at all.
            change = newMean == 0 ? 0 : Double.POSITIVE_INFINITY;
            low = newMean == 0 ? 0 : lowerBoundOfMean(n) > 0 ? Double.POSITIVE_INFINITY : -1;
            high = change;
        } else if (exact) {
            double halfWidth = exactHalfWidth(b, n);
            low = Math.max(-1, change - halfWidth); // fewer than 0 bytes is impossible: at most -100%
            high = change + halfWidth;
        } else if (hasPerCallInterval(b) && hasPerCallInterval(n) && lowPerCall(b) > 0) {
            low = lowPerCall(n) / highPerCall(b) - 1;
            high = highPerCall(n) / lowPerCall(b) - 1;
        } else {
            low = Double.NEGATIVE_INFINITY; // a sampled side without an interval: nothing to conclude
            high = Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(low) || Double.isNaN(high)) { // never let an undefined bound decide
            low = Double.NEGATIVE_INFINITY;
            high = Double.POSITIVE_INFINITY;
        }
        Verdict verdict = low > threshold ? Verdict.regressed : high < -threshold ? Verdict.improved : Verdict.unchanged;
        return new ScopeDiff(n.name(), exact, b.calls(), n.calls(), baseMean, newMean,
                exact ? b.exactP50() : -1, exact ? n.exactP50() : -1, exact ? b.exactP99() : -1,
                exact ? n.exactP99() : -1, change, low, high, verdict);
    }

    /**
     * Half the 99% interval of newMean / baseMean - 1, by the delta method. A side with one call has
     * no spread to measure: its mean counts as exact and only the other side's spread widens the
     * interval (0 when both sides have one call).
     */
    private static double exactHalfWidth(ScopeNameSummary b, ScopeNameSummary n) {
        double mb = b.exactMean();
        double mn = n.exactMean();
        double vb = varianceOfMean(b);
        double vn = varianceOfMean(n);
        double varianceOfRatio = vn / (mb * mb) + mn * mn * vb / (mb * mb * mb * mb);
        if (varianceOfRatio == 0) {
            return 0;
        }
        return StudentT.quantile995(welchDegreesOfFreedom(b, n)) * Math.sqrt(varianceOfRatio);
    }

    /** The variance of a side's mean; 0 with one call (no spread to measure). */
    private static double varianceOfMean(ScopeNameSummary s) {
        return s.exactCalls() < 2 ? 0 : s.exactStdDev() * s.exactStdDev() / s.exactCalls();
    }

    /** Welch-Satterthwaite, over the sides that have a spread. */
    private static double welchDegreesOfFreedom(ScopeNameSummary b, ScopeNameSummary n) {
        double vb = varianceOfMean(b);
        double vn = varianceOfMean(n);
        double denominator = (b.exactCalls() < 2 ? 0 : vb * vb / (b.exactCalls() - 1))
                + (n.exactCalls() < 2 ? 0 : vn * vn / (n.exactCalls() - 1));
        return denominator == 0 ? Double.POSITIVE_INFINITY : (vb + vn) * (vb + vn) / denominator;
    }

    /** The low end of the 99% interval of one side's exact mean. */
    private static double lowerBoundOfMean(ScopeNameSummary s) {
        double v = varianceOfMean(s);
        return v == 0 ? s.exactMean() : s.exactMean() - StudentT.quantile995(s.exactCalls() - 1) * Math.sqrt(v);
    }

    private static boolean hasPerCallInterval(ScopeNameSummary s) {
        return s.meanIsExact() || s.hasInterval() && s.hasHigh();
    }

    private static double lowPerCall(ScopeNameSummary s) {
        return s.meanIsExact() ? s.exactMean() : s.sampledLow() / (double) s.calls();
    }

    private static double highPerCall(ScopeNameSummary s) {
        return s.meanIsExact() ? s.exactMean() : s.sampledHigh() / (double) s.calls();
    }

    private static ScopeDiff added(ScopeNameSummary n) {
        return new ScopeDiff(n.name(), n.meanIsExact(), 0, n.calls(), Double.NaN, n.meanPerCall(), -1,
                n.meanIsExact() ? n.exactP50() : -1, -1, n.meanIsExact() ? n.exactP99() : -1,
                Double.NaN, Double.NaN, Double.NaN, Verdict.added);
    }

    private static ScopeDiff removed(ScopeNameSummary b) {
        return new ScopeDiff(b.name(), b.meanIsExact(), b.calls(), 0, b.meanPerCall(), Double.NaN,
                b.meanIsExact() ? b.exactP50() : -1, -1, b.meanIsExact() ? b.exactP99() : -1, -1,
                Double.NaN, Double.NaN, Double.NaN, Verdict.removed);
    }
}

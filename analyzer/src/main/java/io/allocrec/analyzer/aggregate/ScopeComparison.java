package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.aggregate.ScopeDiff.Verdict;
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
 * to judge by: the interval is then the change itself and the threshold alone decides. Where a
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
        if (exact) {
            double halfWidth = exactHalfWidth(b, n);
            low = change - halfWidth;
            high = change + halfWidth;
        } else if (hasPerCallInterval(b) && hasPerCallInterval(n)) {
            low = lowPerCall(n) / highPerCall(b) - 1;
            high = highPerCall(n) / lowPerCall(b) - 1;
        } else {
            low = Double.NEGATIVE_INFINITY; // a sampled side without an interval: nothing to conclude
            high = Double.POSITIVE_INFINITY;
        }
        if (baseMean == 0 && newMean == 0) {
            change = 0;
            low = 0;
            high = 0;
        }
        Verdict verdict = low > threshold ? Verdict.regressed : high < -threshold ? Verdict.improved : Verdict.unchanged;
        return new ScopeDiff(n.name(), exact, b.calls(), n.calls(), baseMean, newMean,
                exact ? b.exactP50() : -1, exact ? n.exactP50() : -1, exact ? b.exactP99() : -1,
                exact ? n.exactP99() : -1, change, low, high, verdict);
    }

    /** Half the 99% interval of newMean / baseMean - 1, by the delta method; 0 when a side has one call. */
    private static double exactHalfWidth(ScopeNameSummary b, ScopeNameSummary n) {
        if (b.exactCalls() < 2 || n.exactCalls() < 2) {
            return 0;
        }
        double mb = b.exactMean();
        double mn = n.exactMean();
        double vb = b.exactStdDev() * b.exactStdDev() / b.exactCalls(); // variance of each mean
        double vn = n.exactStdDev() * n.exactStdDev() / n.exactCalls();
        if (mb <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double varianceOfRatio = vn / (mb * mb) + mn * mn * vb / (mb * mb * mb * mb);
        if (varianceOfRatio == 0) {
            return 0;
        }
        double df = (vb + vn) * (vb + vn)
                / (vb * vb / (b.exactCalls() - 1) + vn * vn / (n.exactCalls() - 1));
        return StudentT.quantile995(df) * Math.sqrt(varianceOfRatio);
    }

    private static boolean hasPerCallInterval(ScopeNameSummary s) {
        return s.meanIsExact() || s.hasInterval();
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

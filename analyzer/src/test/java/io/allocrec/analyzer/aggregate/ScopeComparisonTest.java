package io.allocrec.analyzer.aggregate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.aggregate.ScopeDiff.Verdict;
import io.allocrec.analyzer.attribute.StudentT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScopeComparison} on hand-made summaries; every expected figure is worked out in the comment beside it. */
class ScopeComparisonTest {

    private static final double CLOSE = 1e-4;

    /** A name whose every call has an exact figure: mean, standard deviation, calls. */
    private static ScopeNameSummary exact(String name, long calls, double mean, double stdDev) {
        return new ScopeNameSummary(0, name, calls, calls, Math.round(mean * calls), mean, Math.round(mean),
                Math.round(mean), 0, -1, -1, false, 0, 0, 0, false, stdDev);
    }

    /** A name without exact figures: its sampled estimate and 95% interval, over all calls. */
    private static ScopeNameSummary sampled(String name, long calls, long sampled, long low, long high) {
        return new ScopeNameSummary(0, name, calls, 0, 0, Double.NaN, -1, -1, sampled, low, high, false, sampled, 0, 10,
                false, Double.NaN);
    }

    @Test
    void exactMeansGetWelchsIntervalOfTheRatio() {
        // base 1000 calls, mean 1000, sd 100: variance of the mean 100^2/1000 = 10
        // new  1000 calls, mean 1050, sd 100: likewise 10
        // var(new/base) = 10/1000^2 + 1050^2 * 10/1000^4 = 1e-5 + 1.1025e-5 = 2.1025e-5, sd 0.0045853
        // df = (10 + 10)^2 / (100/999 + 100/999) = 1998: t = 2.5758 + (17.0906 + 2.5758)/7992 + ... = 2.57827
        // half width 2.57827 * 0.0045853 = 0.011822; change 0.05: [0.038178, 0.061822], above 2%: regressed
        ScopeDiff d = ScopeComparison.compare(exact("a", 1000, 1000, 100), exact("a", 1000, 1050, 100), 0.02);
        assertAll(
                () -> assertEquals(0.05, d.change(), 1e-12),
                () -> assertEquals(0.038178, d.changeLow(), CLOSE),
                () -> assertEquals(0.061822, d.changeHigh(), CLOSE),
                () -> assertEquals(Verdict.regressed, d.verdict()),
                () -> assertEquals(true, d.exact()));
    }

    @Test
    void aChangeInsideTheThresholdIsUnchangedHoweverSignificant() {
        // sd 0: the interval is the point 0.003 (the JIT's 0.3%), inside 2%: unchanged
        ScopeDiff d = ScopeComparison.compare(exact("a", 200_000, 1000, 0), exact("a", 200_000, 1003, 0), 0.02);
        assertAll(
                () -> assertEquals(0.003, d.changeLow(), 1e-12),
                () -> assertEquals(0.003, d.changeHigh(), 1e-12),
                () -> assertEquals(Verdict.unchanged, d.verdict()));
    }

    @Test
    void anIntervalReachingBelowTheThresholdIsUnchanged() {
        // base and new 10 calls, mean 1000 and 1100, sd 200: var of each mean 4000
        // var(ratio) = 4000/1e6 + 1100^2 * 4000/1e12 = 0.004 + 0.00484 = 0.00884, sd 0.094021
        // df = 8000^2 / (2 * 4000^2 / 9) = 18: t 2.878; half width 0.270593; low 0.1 - 0.270593 < 0.02: unchanged
        ScopeDiff d = ScopeComparison.compare(exact("a", 10, 1000, 200), exact("a", 10, 1100, 200), 0.02);
        assertAll(
                () -> assertEquals(-0.170593, d.changeLow(), CLOSE),
                () -> assertEquals(0.370593, d.changeHigh(), CLOSE),
                () -> assertEquals(Verdict.unchanged, d.verdict()));
    }

    @Test
    void anImprovementNeedsTheWholeIntervalBelowMinusTheThreshold() {
        // one call each: no spread, the interval is the change: 900/1000 - 1 = -0.1 < -0.02: improved
        ScopeDiff d = ScopeComparison.compare(exact("a", 1, 1000, Double.NaN), exact("a", 1, 900, Double.NaN), 0.02);
        assertAll(
                () -> assertEquals(-0.1, d.change(), 1e-12),
                () -> assertEquals(Verdict.improved, d.verdict()));
    }

    @Test
    void aSingleCallOnOneSideLeavesTheOtherSidesSpreadInTheInterval() {
        // base: one call of 1000; new: 1000 calls, mean 1030, sd 500: variance of the new mean 250
        // var(ratio) = 250 / 1000^2 = 2.5e-4, sd 0.0158114; df = 999 (the new side's alone): t 2.58074
        // half width 0.040805: [-0.010805, 0.070805] holds 2%: unchanged (the change, 3%, is within noise)
        ScopeDiff d = ScopeComparison.compare(exact("a", 1, 1000, Double.NaN), exact("a", 1000, 1030, 500), 0.02);
        assertAll(
                () -> assertEquals(-0.010805, d.changeLow(), CLOSE),
                () -> assertEquals(0.070805, d.changeHigh(), CLOSE),
                () -> assertEquals(Verdict.unchanged, d.verdict()));
    }

    @Test
    void fromNothingToSomethingIsARegressionWhenTheNewSideSurelyAllocates() {
        // base allocates 0 every call; new 48 every call: no ratio, but surely more
        ScopeDiff grew = ScopeComparison.compare(exact("z", 1000, 0, 0), exact("z", 1000, 48, 0), 0.02);
        // new mean 10 with sd 1000 over 5 calls: its 99% lower bound is far below 0, so it may be nothing
        ScopeDiff noisy = ScopeComparison.compare(exact("z", 1000, 0, 0), exact("z", 5, 10, 1000), 0.02);
        ScopeDiff still = ScopeComparison.compare(exact("z", 1000, 0, 0), exact("z", 1000, 0, 0), 0.02);
        assertAll(
                () -> assertEquals(Verdict.regressed, grew.verdict()),
                () -> assertEquals(Double.POSITIVE_INFINITY, grew.change()),
                () -> assertEquals(Verdict.unchanged, noisy.verdict()),
                () -> assertEquals(Verdict.unchanged, still.verdict()),
                () -> assertEquals(0, still.change()));
    }

    @Test
    void theLowEndNeverGoesBelowMinusOneHundredPercent() {
        // base 10 calls mean 1000 sd 3000, new 10 calls mean 100 sd 10: the delta method reaches below -100%
        ScopeDiff d = ScopeComparison.compare(exact("a", 10, 1000, 3000), exact("a", 10, 100, 10), 0.02);
        assertEquals(-1, d.changeLow(), 0);
    }

    @Test
    void twoSampledSidesWithoutSamplesConcludeNothing() {
        ScopeDiff d = ScopeComparison.compare(sampled("s", 5, 0, -1, -1), sampled("s", 5, 0, -1, -1), 0.02);
        assertAll(
                () -> assertEquals(Verdict.unchanged, d.verdict()),
                () -> assertEquals(Double.NEGATIVE_INFINITY, d.changeLow()));
    }

    @Test
    void sampledMeansCombineTheirIntervalsEndToEnd() {
        // base 100 calls, 100,000 sampled in [80,000, 120,000]: per call 1000 in [800, 1200]
        // new 100 calls, 200,000 in [180,000, 220,000]: per call 2000 in [1800, 2200]
        // change 2000/1000 - 1 = 1; low 1800/1200 - 1 = 0.5; high 2200/800 - 1 = 1.75: regressed
        ScopeDiff d = ScopeComparison.compare(sampled("s", 100, 100_000, 80_000, 120_000),
                sampled("s", 100, 200_000, 180_000, 220_000), 0.02);
        assertAll(
                () -> assertEquals(1.0, d.change(), 1e-12),
                () -> assertEquals(0.5, d.changeLow(), 1e-12),
                () -> assertEquals(1.75, d.changeHigh(), 1e-12),
                () -> assertEquals(false, d.exact()),
                () -> assertEquals(Verdict.regressed, d.verdict()));
    }

    @Test
    void aSampledSideWithoutAnIntervalConcludesNothing() {
        ScopeDiff d = ScopeComparison.compare(sampled("s", 100, 100_000, -1, -1), sampled("s", 100, 900_000, -1, -1), 0.02);
        assertEquals(Verdict.unchanged, d.verdict());
        assertEquals(Double.NEGATIVE_INFINITY, d.changeLow());
    }

    @Test
    void namesOnOneSideAreAddedOrRemovedInOrder() {
        List<ScopeDiff> diffs = ScopeComparison.compare(
                List.of(exact("kept", 5, 10, 1), exact("gone", 5, 10, 1)),
                List.of(exact("new", 5, 10, 1), exact("kept", 5, 10, 1)), 0.02);
        assertEquals(List.of("new:added", "kept:unchanged", "gone:removed"),
                diffs.stream().map(d -> d.scope() + ":" + d.verdict()).toList());
    }

    @Test
    void studentTMatchesTheTablesAcrossTheSeam() {
        // t(0.995): 30 df 2.750 (table), 40 df 2.704, 60 df 2.660, 120 df 2.617 (tables), infinity 2.5758
        assertAll(
                () -> assertEquals(2.750, StudentT.quantile995(30), 1e-9),
                () -> assertEquals(2.704, StudentT.quantile995(40), 1e-3),
                () -> assertEquals(2.660, StudentT.quantile995(60), 1e-3),
                () -> assertEquals(2.617, StudentT.quantile995(120), 1e-3),
                () -> assertEquals(2.5758, StudentT.quantile995(1e9), 1e-4),
                () -> assertEquals(63.657, StudentT.quantile995(1.5), 1e-9));
    }
}

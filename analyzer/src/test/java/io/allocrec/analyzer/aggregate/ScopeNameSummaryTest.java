package io.allocrec.analyzer.aggregate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.attribute.IntervalEstimator;
import org.junit.jupiter.api.Test;

/** When the interval estimator's figure is used for a name, and when the landed weight is. */
class ScopeNameSummaryTest {

    /** 100 calls, whose samples that landed in them weigh 50,000 bytes in all. */
    private static NameStats stats() {
        NameStats stats = new NameStats(0);
        stats.calls = 100;
        stats.addSample(20_000);
        stats.addSample(30_000);
        return stats;
    }

    private static IntervalEstimator.Estimate estimate(double perCall, double low, double high) {
        return new IntervalEstimator.Estimate("0", 100, 2, perCall, low, high, perCall * 100, low * 100, high * 100, 0, 8);
    }

    @Test
    void anInformativeEstimateGivesTheFigureAndItsInterval() {
        // 600 a call in [400, 800]: half-width 200 <= 600. Totals: 60,000 in [40,000, 80,000]
        ScopeNameSummary s = ScopeNameSummary.of("a", stats(), estimate(600, 400, 800));
        assertAll(
                () -> assertEquals(60_000, s.sampledBytes()),
                () -> assertEquals(40_000, s.sampledLow()),
                () -> assertEquals(80_000, s.sampledHigh()),
                () -> assertTrue(s.hasInterval()));
    }

    @Test
    void anIntervalWiderThanTheEstimateFallsBackToTheLandedWeightWithoutInterval() {
        // 600 a call in [0, 2,000]: half-width 1,000 > 600, the samples could not tell this name apart
        ScopeNameSummary wide = ScopeNameSummary.of("a", stats(), estimate(600, 0, 2_000));
        ScopeNameSummary zero = ScopeNameSummary.of("a", stats(), estimate(0, 0, 10));
        assertAll(
                () -> assertEquals(50_000, wide.sampledBytes()),
                () -> assertFalse(wide.hasInterval()),
                () -> assertEquals(50_000, zero.sampledBytes()),
                () -> assertFalse(zero.hasInterval()));
    }
}

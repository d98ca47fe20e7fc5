package io.allocrec.analyzer.aggregate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.attribute.SampledEstimate;
import org.junit.jupiter.api.Test;

/** Which interval a name gets: the estimator's (cut to the proven one) or the proven one alone. */
class ScopeNameSummaryTest {

    /**
     * 100 calls whose samples that landed in them weigh 50,000 bytes; the scopes' proven bounds sum
     * to 30,000 .. 90,000.
     */
    private static NameStats stats() {
        NameStats stats = new NameStats(0);
        stats.calls = 100;
        stats.addSample(20_000);
        stats.addSample(30_000);
        stats.provenLow = 30_000;
        stats.provenHigh = 90_000;
        return stats;
    }

    private static SampledEstimate perCall(double perCall, double low, double high) {
        return new SampledEstimate(0, perCall, low, high);
    }

    @Test
    void anEstimateInsideTheProvenBoundsGivesTheFigureAndItsInterval() {
        // 600 a call in [400, 800] times 100 calls: 60,000 in [40,000, 80,000], inside 30,000 .. 90,000
        ScopeNameSummary s = ScopeNameSummary.of("a", stats(), perCall(600, 400, 800));
        assertAll(
                () -> assertEquals(60_000, s.sampledBytes()),
                () -> assertEquals(40_000, s.sampledLow()),
                () -> assertEquals(80_000, s.sampledHigh()),
                () -> assertFalse(s.intervalProven()));
    }

    @Test
    void aWideEstimateIsCutToTheProvenBounds() {
        // 600 a call in [0, 2,000]: 0 .. 200,000, cut to 30,000 .. 90,000; the figure 60,000 stays
        ScopeNameSummary s = ScopeNameSummary.of("a", stats(), perCall(600, 0, 2_000));
        assertAll(
                () -> assertEquals(60_000, s.sampledBytes()),
                () -> assertEquals(30_000, s.sampledLow()),
                () -> assertEquals(90_000, s.sampledHigh()),
                () -> assertFalse(s.intervalProven()));
    }

    @Test
    void withoutAnEstimateTheProvenIntervalAndTheLandedWeight() {
        ScopeNameSummary none = ScopeNameSummary.of("a", stats(), null);
        // 1,000 a call in [950, 1,100]: 100,000 .. 110,000, above all that is proven (90,000)
        ScopeNameSummary contradicted = ScopeNameSummary.of("a", stats(), perCall(1_000, 950, 1_100));
        for (ScopeNameSummary s : new ScopeNameSummary[] {none, contradicted}) {
            assertAll(
                    () -> assertEquals(50_000, s.sampledBytes()),
                    () -> assertEquals(30_000, s.sampledLow()),
                    () -> assertEquals(90_000, s.sampledHigh()),
                    () -> assertTrue(s.intervalProven()),
                    () -> assertEquals("proven", s.intervalKind()));
        }
    }

    @Test
    void aScopeAfterItsThreadsLastSampleLeavesTheProvenIntervalOpenAbove() {
        NameStats stats = stats();
        stats.callsWithoutHigh = 1;
        ScopeNameSummary s = ScopeNameSummary.of("a", stats, null);
        assertAll(
                () -> assertEquals(30_000, s.sampledLow()),
                () -> assertTrue(s.hasInterval()),
                () -> assertFalse(s.hasHigh()),
                () -> assertEquals(50_000, s.sampledBytes()));
    }

    @Test
    void aLandedWeightOutsideTheProvenIntervalIsBroughtInside() {
        NameStats stats = stats();
        stats.provenHigh = 40_000;
        assertEquals(40_000, ScopeNameSummary.of("a", stats, null).sampledBytes());
    }
}

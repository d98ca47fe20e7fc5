package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Student's t quantiles against the printed table, and the statistics of a hand-computed sample. */
class TimingStatisticsTest {

    @Test
    void quantilesAtThe999PercentLevelMatchTheTable() {
        // Two-sided 99.9%: the 0.9995 quantile (any t table, e.g. NIST/SEMATECH e-Handbook 1.4.2.3).
        assertEquals(636.619, StudentT.quantile(0.9995, 1), 0.01);
        assertEquals(31.599, StudentT.quantile(0.9995, 2), 0.001);
        assertEquals(12.924, StudentT.quantile(0.9995, 3), 0.001);
        assertEquals(8.610, StudentT.quantile(0.9995, 4), 0.001);
        assertEquals(4.781, StudentT.quantile(0.9995, 9), 0.001);
        assertEquals(3.646, StudentT.quantile(0.9995, 30), 0.001);
        assertEquals(3.291, StudentT.quantile(0.9995, 100_000), 0.001);
        assertEquals(1.960, StudentT.quantile(0.975, 100_000), 0.001);
        assertEquals(2.776, StudentT.quantile(0.975, 4), 0.001);
    }

    @Test
    void statisticsOfFiveIterations() {
        TimingStatistics stats = TimingStatistics.of(new double[] {10, 12, 11, 13, 9});
        assertEquals(11.0, stats.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), stats.stdDev(), 1e-12);
        assertEquals(9.0, stats.min());
        assertEquals(13.0, stats.max());
        assertEquals(5, stats.count());
        // JMH's error: t(0.9995, n - 1) * s / sqrt(n).
        assertEquals(8.610 * Math.sqrt(2.5) / Math.sqrt(5), stats.error(), 0.001);
    }

    @Test
    void aSingleIterationHasNoSpread() {
        assertThrows(IllegalArgumentException.class, () -> TimingStatistics.of(new double[] {1}));
    }
}

package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.load.TestSamples;
import io.allocrec.analyzer.load.ThreadSamples;
import org.junit.jupiter.api.Test;

/**
 * {@link AllocationCurve} and {@link RunningTime} on hand-made samples. Every expected value is
 * worked out by hand in the comment beside it. A sample (t, w) means: w bytes were allocated
 * between the previous sample (or the thread's start) and t.
 */
class AllocationCurveTest {

    private static final double EXACT = 1e-9;

    private static AllocationCurve curve(Long threadStart, long... timeWeightPairs) {
        return new AllocationCurve(TestSamples.of(timeWeightPairs), threadStart, RunningTime.wallClock());
    }

    @Test
    void knownStartInterpolatesFromTheThreadStart() {
        // started at 0; (10, 100), (30, 300): cumulative 100 at 10, 400 at 30
        AllocationCurve curve = curve(0L, 10, 100, 30, 300);
        assertAll(
                () -> assertEquals(0, curve.at(-5), EXACT),     // before the start
                () -> assertEquals(0, curve.at(0), EXACT),      // at the start
                () -> assertEquals(50, curve.at(5), EXACT),     // 100 * (5-0)/(10-0)
                () -> assertEquals(100, curve.at(10), EXACT),   // exactly at the first sample
                () -> assertEquals(250, curve.at(20), EXACT),   // 100 + 300 * (20-10)/(30-10)
                () -> assertEquals(400, curve.at(30), EXACT),   // 100 + 300
                () -> assertEquals(400, curve.at(50), EXACT));  // after the last sample: nothing more known
    }

    @Test
    void unknownStartDropsTheFirstWeight() {
        // start unknown: the 100 of (10, 100) covers time before the recording and is left out;
        // the curve starts at 0 at t=10
        AllocationCurve curve = curve(null, 10, 100, 30, 300);
        assertAll(
                () -> assertEquals(0, curve.at(5), EXACT),      // before the first sample
                () -> assertEquals(0, curve.at(10), EXACT),     // first weight dropped
                () -> assertEquals(150, curve.at(20), EXACT),   // 0 + 300 * (20-10)/(30-10)
                () -> assertEquals(300, curve.at(30), EXACT),   // 300 only, not 400
                () -> assertEquals(300, curve.between(0, 100), EXACT)); // 300 - 0
    }

    @Test
    void threadStartAfterItsFirstSampleIsTreatedAsUnknown() {
        // start 15 is later than the first sample at 10: not trusted, first weight dropped as above
        AllocationCurve curve = curve(15L, 10, 100, 30, 300);
        assertEquals(150, curve.at(20), EXACT);                 // 300 * (20-10)/(30-10)
        assertEquals(300, curve.at(30), EXACT);                 // 300, not 400
    }

    @Test
    void threadStartEqualToTheFirstSampleCountsIt() {
        // start 10 == first sample time: start known, the first weight (covering a zero interval) counts
        AllocationCurve curve = curve(10L, 10, 100, 30, 300);
        assertEquals(250, curve.at(20), EXACT);                 // 100 + 300 * (20-10)/(30-10)
        assertEquals(400, curve.between(0, 30), EXACT);         // 100 + 300 - 0
    }

    @Test
    void straddlingSampleIsSplitAtTheRangeBoundaries() {
        // unknown start; (0, 999) dropped, (100, 1000), (200, 400)
        // cumulative: 0 at 0, 1000 at 100, 1400 at 200
        AllocationCurve curve = curve(null, 0, 999, 100, 1000, 200, 400);
        // at(150) = 1000 + 400 * 50/100 = 1200; at(50) = 1000 * 50/100 = 500; 1200 - 500 = 700
        assertEquals(700, curve.between(50, 150), EXACT);
        // at(125) = 1000 + 400 * 25/100 = 1100; at(75) = 750; 1100 - 750 = 350
        assertEquals(350, curve.between(75, 125), EXACT);
        // a range past the last sample: at(300) - at(200) = 1400 - 1400 = 0
        assertEquals(0, curve.between(200, 300), EXACT);
    }

    @Test
    void noSamplesGiveNothing() {
        AllocationCurve known = curve(0L);
        AllocationCurve unknown = curve(null);
        assertEquals(0, known.between(0, 1_000), EXACT);
        assertEquals(0, unknown.between(0, 1_000), EXACT);
    }

    @Test
    void weightsBeyondIntRange() {
        // unknown start; (10, 5e9) dropped, (20, 3e9): at(15) = 3e9 * 5/10 = 1.5e9
        AllocationCurve curve = curve(null, 10, 5_000_000_000L, 20, 3_000_000_000L);
        assertEquals(1_500_000_000.0, curve.at(15), EXACT);
        assertEquals(3_000_000_000.0, curve.at(20), EXACT);
    }

    @Test
    void collectionPauseGetsNoBytes() {
        // started at 0, one sample (100, 1000); pause [40, 60]: running time at 100 is 100 - 20 = 80
        ThreadSamples samples = TestSamples.of(100, 1000);
        AllocationCurve curve = new AllocationCurve(samples, 0L, new RunningTime(new long[][] {{40, 60}}));
        assertAll(
                () -> assertEquals(500, curve.at(40), EXACT),           // 1000 * 40/80
                () -> assertEquals(500, curve.at(50), EXACT),           // inside the pause: still 40/80
                () -> assertEquals(500, curve.at(60), EXACT),           // running(60) = 60 - 20 = 40
                () -> assertEquals(750, curve.at(80), EXACT),           // running(80) = 60: 1000 * 60/80
                () -> assertEquals(0, curve.between(40, 60), EXACT),    // the pause: 500 - 500
                () -> assertEquals(500, curve.between(0, 40), EXACT),   // 500 - 0 (wall clock would say 400)
                () -> assertEquals(500, curve.between(60, 100), EXACT)); // 1000 - 500 (wall clock: 400)
    }

    @Test
    void samplesInsideOnePauseHaveNoRunningTimeBetweenThem() {
        // started at 0; pause [10, 30]; (12, 40) and (25, 60) both inside it, (40, 100) after
        // running: r(12) = 10, r(25) = 10, r(40) = 40 - 20 = 20, r(35) = 15
        ThreadSamples samples = TestSamples.of(12, 40, 25, 60, 40, 100);
        AllocationCurve curve = new AllocationCurve(samples, 0L, new RunningTime(new long[][] {{10, 30}}));
        assertEquals(40, curve.at(20), EXACT);   // between 12 and 25, zero running interval: the total at 12
        assertEquals(150, curve.at(35), EXACT);  // 40 + 60 + 100 * (15-10)/(20-10)
        assertEquals(20, curve.at(5), EXACT);    // 40 * r(5)/r(12) = 40 * 5/10
    }

    @Test
    void runningTimeMergesOverlappingPausesInAnyOrder() {
        // [20,40] and [10,30] overlap -> [10,40] (30 paused); [50,55] (5 paused); given out of order
        RunningTime time = new RunningTime(new long[][] {{50, 55}, {20, 40}, {10, 30}});
        assertAll(
                () -> assertEquals(5, time.at(5)),     // before any pause
                () -> assertEquals(10, time.at(10)),   // at a pause's start
                () -> assertEquals(10, time.at(25)),   // inside [10,40]: frozen at 10
                () -> assertEquals(15, time.at(45)),   // 45 - 30
                () -> assertEquals(20, time.at(52)),   // 52 - 30 - (52-50)
                () -> assertEquals(25, time.at(60)));  // 60 - 30 - 5
    }

    @Test
    void runningTimeMergesTouchingPauses() {
        // [10,20] and [20,30] touch -> [10,30], 20 paused
        RunningTime time = new RunningTime(new long[][] {{10, 20}, {20, 30}});
        assertEquals(10, time.at(30));   // 30 - 20
        assertEquals(20, time.at(40));   // 40 - 20
        assertEquals(40, RunningTime.wallClock().at(40)); // no pauses: wall clock
    }

    @Test
    void valueAtTheLastSampleTimeIncludesAllSamplesAtThatTime() {
        // started at 0; (10, 100), (20, 50), (20, 30): two samples at 20, the last time
        AllocationCurve curve = curve(0L, 10, 100, 20, 50, 20, 30);
        assertEquals(180, curve.at(20), EXACT);  // 100 + 50 + 30
    }

    @Test
    void valueAtASampleTimeIncludesThatSample() {
        // as above plus a later (30, 10): nothing allocated after 20 should change the value at 20
        AllocationCurve duplicates = curve(0L, 10, 100, 20, 50, 20, 30, 30, 10);
        // pause [10, 30], samples (12, 40), (25, 60) inside it, (40, 100) after
        AllocationCurve inPause = new AllocationCurve(TestSamples.of(12, 40, 25, 60, 40, 100), 0L,
                new RunningTime(new long[][] {{10, 30}}));
        assertAll(
                () -> assertEquals(180, duplicates.at(20), EXACT), // 100 + 50 + 30 (was 150: a bug)
                () -> assertEquals(100, inPause.at(25), EXACT));   // 40 + 60 (was 40: a bug)
    }
}

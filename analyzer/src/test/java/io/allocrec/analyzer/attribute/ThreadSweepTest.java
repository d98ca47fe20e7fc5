package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.load.ThreadBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadSweep} (with {@link ClosedScopes}, {@link PauseTimeline}) on hand-made batches.
 * Every expected value is worked out by hand in the comment beside it.
 *
 * <p>A sample (t, w, kN) means: w bytes were allocated between the thread's previous sample (or
 * its start) and t; kN is its allocation key, used here to tell the samples apart. "cum" is the
 * cumulative curve: the sum of the weights so far, exact at each sample; at(t) is the curve at t,
 * interpolated linearly (over running time) between the known points around t, and flat after the
 * last sample. A scope [s, e] is estimated as at(e) - at(s); its proven bounds are
 * <ul>
 * <li>lowInc = cum(first sample at or after s) - cum(last sample at or before e), 0 without one inside;
 * <li>highInc = cum(first sample at or after e) - cum(last point at or before s), unknown (-1) without either;
 * <li>low = max(0, lowInc - children's highInc), 0 if a child's high is unknown;
 * <li>high = max(0, highInc - children's lowInc), unknown if highInc is.
 * </ul>
 * Name ids are letters ('P' for P), so failures read well.
 */
class ThreadSweepTest {

    private static final int A = 'A';
    private static final int B = 'B';
    private static final int C = 'C';
    private static final int G = 'G';
    private static final int I = 'I';
    private static final int L = 'L';
    private static final int N = 'N';
    private static final int O = 'O';
    private static final int P = 'P';
    private static final int Q = 'Q';
    private static final int S = 'S';
    private static final int T = 'T';
    private static final int X = 'X';
    private static final int Y = 'Y';
    private static final int Z = 'Z';

    private static final long UNKNOWN = FinishedScope.UNKNOWN;
    private static final double EXACT = 1e-9;

    /** Records what a sweep settles: scopes, and samples as "kKEY->NAME:WEIGHT". */
    private static final class Recorder implements SweepListener {
        final List<FinishedScope> scopes = new ArrayList<>();
        final List<String> samples = new ArrayList<>();

        @Override
        public boolean wantsScope() {
            return true;
        }

        @Override
        public void scope(FinishedScope scope) {
            scopes.add(scope);
        }

        @Override
        public void counted(int nameId, long size, long allocatedBytes, long sampleWeightInclusive, long sampledBytes,
                            long sampledLow, long sampledHigh, boolean includesNested) {
            throw new AssertionError("a scope wanted whole came counted");
        }

        @Override
        public void sample(int nameId, int key, long weight) {
            samples.add("k" + key + "->" + (nameId == OUTSIDE_SCOPES ? "outside" : String.valueOf((char) nameId))
                    + ":" + weight);
        }

        /** The one scope named {@code nameId}. */
        FinishedScope get(int nameId) {
            List<FinishedScope> named = scopes.stream().filter(s -> s.nameId() == nameId).toList();
            assertEquals(1, named.size(), () -> "scopes named " + (char) nameId + " in " + scopes);
            return named.get(0);
        }

        List<Character> scopeOrder() {
            return scopes.stream().map(s -> (char) s.nameId()).toList();
        }

        /** Asserts the sample calls so far, in any order: each listed exactly once, nothing else. */
        void assertSamples(String... expected) {
            List<String> want = new ArrayList<>(Arrays.asList(expected));
            List<String> got = new ArrayList<>(samples);
            want.sort(null);
            got.sort(null);
            assertEquals(want, got);
        }
    }

    /** A thread's share of one chunk, sorted as ChunkEvents.finish sorts it. */
    private static final class Batch {
        private final ThreadBatch batch;

        Batch(String thread) {
            batch = new ThreadBatch(thread);
        }

        Batch sample(long time, long weight, int key) {
            batch.addSample(time, weight, key);
            return this;
        }

        Batch scope(int nameId, long start, long end) {
            batch.addScope(nameId, start, end, 0, 0, ThreadBatch.UNKNOWN, ThreadBatch.UNKNOWN);
            return this;
        }

        Batch scope(int nameId, long start, long end, long size, long payload, long allocated, long retained) {
            batch.addScope(nameId, start, end, size, payload, allocated, retained);
            return this;
        }

        ThreadBatch sorted() {
            batch.sort();
            return batch;
        }
    }

    private static Batch batch() {
        return new Batch("t");
    }

    /** Runs one batch as chunk 1 through a new sweep of thread "t" and finishes it. */
    private static Recorder sweepOnce(Long threadStart, PauseTimeline pauses, Batch batch) {
        Recorder recorder = new Recorder();
        ThreadSweep sweep = new ThreadSweep("t", threadStart, recorder);
        sweep.accept(batch.sorted(), pauses, 1);
        sweep.finish(pauses);
        return recorder;
    }

    private static Recorder sweepOnce(Long threadStart, Batch batch) {
        return sweepOnce(threadStart, new PauseTimeline(), batch);
    }

    /** A sweep holding {@code batch}, not finished, to read its curve. */
    private static ThreadSweep curve(Long threadStart, PauseTimeline pauses, Batch batch) {
        ThreadSweep sweep = new ThreadSweep("t", threadStart, new Recorder());
        sweep.accept(batch.sorted(), pauses, 1);
        return sweep;
    }

    // ---------------------------------------------------------------- the curve

    @Test
    void curveFromAKnownStartInterpolatesFromIt() {
        // started at 0; (10, 100), (30, 300): cum 100 at 10, 400 at 30
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = curve(0L, none, batch().sample(10, 100, 0).sample(30, 300, 1));
        assertAll(
                () -> assertEquals(0, sweep.at(0, none), EXACT),     // at the start: the anchor (0, 0)
                () -> assertEquals(50, sweep.at(5, none), EXACT),    // 100 * (5-0)/(10-0)
                () -> assertEquals(100, sweep.at(10, none), EXACT),  // exactly at the first sample
                () -> assertEquals(250, sweep.at(20, none), EXACT),  // 100 + 300 * (20-10)/(30-10)
                () -> assertEquals(400, sweep.at(30, none), EXACT),  // 100 + 300
                () -> assertEquals(400, sweep.at(50, none), EXACT)); // after the last sample: nothing more known
    }

    @Test
    void curveIsZeroBeforeAKnownStart() {
        // started at 0; (10, 100), (30, 300): the thread allocated nothing before it existed
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = curve(0L, none, batch().sample(10, 100, 0).sample(30, 300, 1));
        assertEquals(0, sweep.at(-5, none), EXACT); // before the start: 0, as at the start
    }

    @Test
    void curveFromAnUnknownStartDropsTheFirstWeight() {
        // start unknown: the 100 of (10, 100) covers time before the recording and is left out;
        // the curve starts at 0 at t=10: cum 0 at 10, 300 at 30
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = curve(null, none, batch().sample(10, 100, 0).sample(30, 300, 1));
        assertAll(
                () -> assertEquals(0, sweep.at(5, none), EXACT),     // before the first sample: the curve starts there
                () -> assertEquals(0, sweep.at(10, none), EXACT),    // first weight dropped
                () -> assertEquals(150, sweep.at(20, none), EXACT),  // 0 + 300 * (20-10)/(30-10)
                () -> assertEquals(300, sweep.at(30, none), EXACT)); // 300 only, not 400
    }

    @Test
    void curveWithWeightsBeyondIntRange() {
        // unknown start; (10, 5e9) dropped, (20, 3e9): cum 0 at 10, 3e9 at 20
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = curve(null, none, batch().sample(10, 5_000_000_000L, 0).sample(20, 3_000_000_000L, 1));
        assertEquals(1_500_000_000.0, sweep.at(15, none), EXACT);  // 3e9 * 5/10
        assertEquals(3_000_000_000.0, sweep.at(20, none), EXACT);
    }

    @Test
    void curveOverRunningTimeSkipsACollectionPause() {
        // started at 0, one sample (100, 1000); pause [40, 60]: running time at 100 is 100 - 20 = 80
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(40, 60);
        ThreadSweep sweep = curve(0L, pauses, batch().sample(100, 1000, 0));
        assertAll(
                () -> assertEquals(500, sweep.at(40, pauses), EXACT),     // 1000 * 40/80
                () -> assertEquals(500, sweep.at(50, pauses), EXACT),     // inside the pause: still 40/80
                () -> assertEquals(500, sweep.at(60, pauses), EXACT),     // running(60) = 60 - 20 = 40
                () -> assertEquals(750, sweep.at(80, pauses), EXACT),     // running(80) = 60: 1000 * 60/80
                () -> assertEquals(1000, sweep.at(100, pauses), EXACT));  // at the sample
    }

    @Test
    void curveBetweenSamplesInsideOnePauseIsFlat() {
        // started at 0; pause [10, 30]; (12, 40) and (25, 60) both inside it, (40, 100) after
        // cum 40 at 12, 100 at 25, 200 at 40; running: r(5) = 5, r(12) = r(20) = r(25) = 10, r(35) = 15, r(40) = 20
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(10, 30);
        ThreadSweep sweep = curve(0L, pauses, batch().sample(12, 40, 0).sample(25, 60, 1).sample(40, 100, 2));
        assertAll(
                () -> assertEquals(20, sweep.at(5, pauses), EXACT),    // 40 * r(5)/r(12) = 40 * 5/10
                () -> assertEquals(40, sweep.at(20, pauses), EXACT),   // r(25) - r(12) = 0: the value at 12
                () -> assertEquals(100, sweep.at(25, pauses), EXACT),  // exactly at a sample: 40 + 60
                () -> assertEquals(150, sweep.at(35, pauses), EXACT)); // 100 + 100 * (15-10)/(20-10)
    }

    @Test
    void curveAtATimeWithSeveralSamplesIncludesThemAll() {
        // started at 0; (10, 100), (20, 50), (20, 30), (30, 10): cum 100 at 10, 150 and 180 at 20, 190 at 30
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = curve(0L, none, batch().sample(10, 100, 0).sample(20, 50, 1).sample(20, 30, 2)
                .sample(30, 10, 3));
        assertAll(
                () -> assertEquals(180, sweep.at(20, none), EXACT),   // 100 + 50 + 30: both samples at 20
                () -> assertEquals(185, sweep.at(25, none), EXACT),   // 180 + 10 * 5/10
                // between 10 and the first sample at 20: 100 + (150 - 100) * 5/10 (the second one's 30 came at 20)
                () -> assertEquals(125, sweep.at(15, none), EXACT));
    }

    @Test
    void curveWithoutSamples() {
        PauseTimeline none = new PauseTimeline();
        ThreadSweep known = curve(0L, none, batch());
        ThreadSweep unknown = curve(null, none, batch());
        assertEquals(0, known.at(1_000, none), EXACT);    // only the anchor (0, 0)
        assertEquals(0, unknown.at(1_000, none), EXACT);  // nothing at all
    }

    // ---------------------------------------------------------------- scopes and samples

    @Test
    void nestedScopeTakesItsSamplesAndTheParentKeepsTheRest() {
        // started at 0; P = [0, 100], C = [20, 60] inside it
        // (10, 100, k0) (30, 200, k1) (50, 300, k2) (90, 400, k3): cum 100@10 300@30 600@50 1000@90
        Recorder r = sweepOnce(0L, batch().scope(P, 0, 100).scope(C, 20, 60)
                .sample(10, 100, 0).sample(30, 200, 1).sample(50, 300, 2).sample(90, 400, 3));
        FinishedScope p = r.get(P);
        FinishedScope c = r.get(C);
        // 10 -> P (before C), 30 and 50 -> C (innermost), 90 -> P (C ended at 60)
        r.assertSamples("k0->P:100", "k1->C:200", "k2->C:300", "k3->P:400");
        assertAll(
                () -> assertEquals(List.of('C', 'P'), r.scopeOrder()),  // C settles at the sample at 90, P at finish
                // C: at(60) - at(20) = (600 + 400 * 10/40) - (100 + 200 * 10/20) = 700 - 200
                () -> assertEquals(500, c.sampledBytesInclusive()),
                () -> assertEquals(500, c.sampledBytes()),              // no children
                () -> assertEquals(300, c.sampledLowInclusive()),       // cum(30) .. cum(50): 600 - 300
                () -> assertEquals(900, c.sampledHighInclusive()),      // cum(10) .. cum(90): 1000 - 100
                () -> assertEquals(300, c.sampledLow()),                // 300 - 0 (no children)
                () -> assertEquals(900, c.sampledHigh()),               // 900 - 0
                () -> assertEquals(2, c.samples()),
                () -> assertEquals(500, c.sampleWeight()),              // 200 + 300
                () -> assertEquals(500, c.sampleWeightInclusive()),
                () -> assertFalse(c.includesNested()),
                // P: at(100) - at(0) = 1000 (flat after 90) - 0 (the start)
                () -> assertEquals(1000, p.sampledBytesInclusive()),
                () -> assertEquals(500, p.sampledBytes()),              // 1000 - C's 500
                () -> assertEquals(900, p.sampledLowInclusive()),       // cum(10) .. cum(90): 1000 - 100
                () -> assertEquals(UNKNOWN, p.sampledHighInclusive()),  // no sample at or after 100
                () -> assertEquals(0, p.sampledLow()),                  // max(0, 900 - C's high 900)
                () -> assertEquals(UNKNOWN, p.sampledHigh()),
                () -> assertEquals(2, p.samples()),
                () -> assertEquals(500, p.sampleWeight()),              // 100 + 400
                () -> assertEquals(1000, p.sampleWeightInclusive()),    // 500 + C's 500
                () -> assertTrue(p.includesNested()));
    }

    @Test
    void threeLevelsAddUpInnermostFirst() {
        // started at 0; G = [0, 100] > P = [10, 90] > C = [20, 30]
        // (5, 10, k0) (15, 20, k1) (25, 40, k2) (95, 70, k3): cum 10@5 30@15 70@25 140@95
        Recorder r = sweepOnce(0L, batch().scope(C, 20, 30).scope(P, 10, 90).scope(G, 0, 100)
                .sample(5, 10, 0).sample(15, 20, 1).sample(25, 40, 2).sample(95, 70, 3));
        FinishedScope g = r.get(G);
        FinishedScope p = r.get(P);
        FinishedScope c = r.get(C);
        // 5 -> G, 15 -> P, 25 -> C, 95 -> G (P ended at 90)
        r.assertSamples("k0->G:10", "k1->P:20", "k2->C:40", "k3->G:70");
        assertAll(
                () -> assertEquals(List.of('C', 'P', 'G'), r.scopeOrder()),
                // C: at(30) - at(20) = (70 + 70 * 5/70) - (30 + 40 * 5/10) = 75 - 50
                () -> assertEquals(25, c.sampledBytesInclusive()),
                () -> assertEquals(25, c.sampledBytes()),
                () -> assertEquals(0, c.sampledLowInclusive()),         // first at/after 20 is 25 = last at/before 30: 70 - 70
                () -> assertEquals(110, c.sampledHighInclusive()),      // cum(15) .. cum(95): 140 - 30
                () -> assertEquals(40, c.sampleWeight()),
                () -> assertFalse(c.includesNested()),
                // P: at(90) - at(10) = (70 + 70 * 65/70) - (10 + 20 * 5/10) = 135 - 20
                () -> assertEquals(115, p.sampledBytesInclusive()),
                () -> assertEquals(90, p.sampledBytes()),               // 115 - C's 25
                () -> assertEquals(40, p.sampledLowInclusive()),        // cum(15) .. cum(25): 70 - 30
                () -> assertEquals(130, p.sampledHighInclusive()),      // cum(5) .. cum(95): 140 - 10
                () -> assertEquals(0, p.sampledLow()),                  // max(0, 40 - C's high 110)
                () -> assertEquals(130, p.sampledHigh()),               // max(0, 130 - C's low 0)
                () -> assertEquals(20, p.sampleWeight()),
                () -> assertEquals(60, p.sampleWeightInclusive()),      // 20 + 40
                () -> assertTrue(p.includesNested()),
                // G: at(100) - at(0) = 140 - 0; minus P (C included): 140 - 115
                () -> assertEquals(140, g.sampledBytesInclusive()),
                () -> assertEquals(25, g.sampledBytes()),
                () -> assertEquals(130, g.sampledLowInclusive()),       // cum(5) .. cum(95): 140 - 10
                () -> assertEquals(UNKNOWN, g.sampledHighInclusive()),  // nothing at or after 100
                () -> assertEquals(0, g.sampledLow()),                  // max(0, 130 - P's high 130)
                () -> assertEquals(UNKNOWN, g.sampledHigh()),
                () -> assertEquals(80, g.sampleWeight()),               // 10 + 70
                () -> assertEquals(140, g.sampleWeightInclusive()),     // 80 + P's 60
                () -> assertTrue(g.includesNested()));
    }

    @Test
    void nestedScopesStartingInTheSameNanosecondInEitherAddOrder() {
        // P = [0, 100] and C = [0, 50] start together; sort() puts C (ends 50) first either way
        // started at 0; (25, 100, k0) (75, 100, k1): cum 100@25 200@75
        for (boolean parentFirst : new boolean[] {true, false}) {
            Batch batch = batch();
            if (parentFirst) {
                batch.scope(P, 0, 100).scope(C, 0, 50);
            } else {
                batch.scope(C, 0, 50).scope(P, 0, 100);
            }
            Recorder r = sweepOnce(0L, batch.sample(25, 100, 0).sample(75, 100, 1));
            FinishedScope p = r.get(P);
            FinishedScope c = r.get(C);
            r.assertSamples("k0->C:100", "k1->P:100");                 // 25 in C (innermost), 75 in P only
            assertAll(
                    () -> assertEquals(150, c.sampledBytesInclusive()), // at(50) - at(0) = 100 + 100 * 25/50 - 0
                    () -> assertEquals(150, c.sampledBytes()),
                    () -> assertEquals(0, c.sampledLowInclusive()),     // one sample inside: 100 - 100
                    () -> assertEquals(200, c.sampledHighInclusive()),  // start (0, 0) .. cum(75): 200 - 0
                    () -> assertEquals(200, p.sampledBytesInclusive()), // at(100) - at(0) = 200 - 0
                    () -> assertEquals(50, p.sampledBytes()),           // 200 - C's 150
                    () -> assertEquals(100, p.sampledLowInclusive()),   // cum(25) .. cum(75): 200 - 100
                    () -> assertEquals(0, p.sampledLow()),              // max(0, 100 - C's high 200)
                    () -> assertEquals(200, p.sampleWeightInclusive()), // 100 + C's 100
                    () -> assertTrue(p.includesNested()),
                    () -> assertFalse(c.includesNested()));
        }
    }

    @Test
    void threeLevelsStartingInTheSameNanosecond() {
        // started at 0; G = [0, 100] > P = [0, 90] > C = [0, 30], all starting at 0
        // (5, 10, k0) (15, 20, k1) (25, 40, k2) (95, 70, k3): cum 10@5 30@15 70@25 140@95
        Recorder r = sweepOnce(0L, batch().scope(C, 0, 30).scope(P, 0, 90).scope(G, 0, 100)
                .sample(5, 10, 0).sample(15, 20, 1).sample(25, 40, 2).sample(95, 70, 3));
        FinishedScope g = r.get(G);
        FinishedScope p = r.get(P);
        FinishedScope c = r.get(C);
        // 5, 15, 25 -> C (innermost at each), 95 -> G
        r.assertSamples("k0->C:10", "k1->C:20", "k2->C:40", "k3->G:70");
        assertAll(
                () -> assertEquals(75, c.sampledBytesInclusive()),      // at(30) - at(0) = 70 + 70 * 5/70 - 0
                () -> assertEquals(60, c.sampledLowInclusive()),        // cum(5) .. cum(25): 70 - 10
                () -> assertEquals(140, c.sampledHighInclusive()),      // start (0, 0) .. cum(95): 140 - 0
                () -> assertEquals(135, p.sampledBytesInclusive()),     // at(90) - at(0) = 70 + 70 * 65/70 - 0
                () -> assertEquals(60, p.sampledBytes()),               // 135 - C's 75
                () -> assertEquals(60, p.sampledLowInclusive()),        // cum(5) .. cum(25): 70 - 10
                () -> assertEquals(140, p.sampledHighInclusive()),      // 140 - 0
                () -> assertEquals(0, p.sampledLow()),                  // max(0, 60 - C's high 140)
                () -> assertEquals(80, p.sampledHigh()),                // max(0, 140 - C's low 60)
                () -> assertEquals(0, p.samples()),
                () -> assertEquals(70, p.sampleWeightInclusive()),      // 0 + C's 10 + 20 + 40
                () -> assertEquals(140, g.sampledBytesInclusive()),     // at(100) - at(0) = 140 - 0
                () -> assertEquals(5, g.sampledBytes()),                // 140 - P's 135 (C is inside P)
                () -> assertEquals(0, g.sampledLow()),                  // max(0, 130 - P's high 140)
                () -> assertEquals(70, g.sampleWeight()),
                () -> assertEquals(140, g.sampleWeightInclusive()),     // 70 + P's 70
                () -> assertTrue(g.includesNested()),
                () -> assertTrue(p.includesNested()),
                () -> assertFalse(c.includesNested()));
    }

    @Test
    void samplesBeforeTheFirstScopeAreOutsideAndTheStraddlingOneIsSplit() {
        // started at 0; (10, 100, k0) (20, 100, k1) (40, 200, k2): cum 100@10 200@20 400@40
        // one scope S = [30, 50]: the samples at 10 and 20 are in no scope
        Recorder r = sweepOnce(0L, batch().scope(S, 30, 50).sample(10, 100, 0).sample(20, 100, 1).sample(40, 200, 2));
        FinishedScope s = r.get(S);
        r.assertSamples("k0->outside:100", "k1->outside:100", "k2->S:200");
        assertAll(
                () -> assertEquals(1, s.samples()),
                () -> assertEquals(200, s.sampleWeight()),              // the whole weight of (40, 200)
                // at(50) - at(30) = 400 - (200 + 200 * 10/20) = 400 - 300: half of the straddling sample
                () -> assertEquals(100, s.sampledBytesInclusive()),
                () -> assertEquals(100, s.sampledBytes()),
                () -> assertEquals(0, s.sampledLowInclusive()),         // one sample inside: 400 - 400
                () -> assertEquals(UNKNOWN, s.sampledHighInclusive()),  // no sample at or after 50
                () -> assertFalse(s.includesNested()));
    }

    @Test
    void straddlingSamplesAreSplitAtBothEnds() {
        // unknown start; (0, 999, k0) dropped from the curve, (100, 1000, k1), (200, 400, k2)
        // cum 0@0 1000@100 1400@200; O = [50, 150] holds I = [75, 125]; Z = [200, 300] after them
        Recorder r = sweepOnce(null, batch().scope(I, 75, 125).scope(O, 50, 150).scope(Z, 200, 300)
                .sample(0, 999, 0).sample(100, 1000, 1).sample(200, 400, 2));
        FinishedScope i = r.get(I);
        FinishedScope o = r.get(O);
        FinishedScope z = r.get(Z);
        // 0 in no scope (reported with its full weight), 100 in I, 200 at Z's start: Z's
        r.assertSamples("k0->outside:999", "k1->I:1000", "k2->Z:400");
        assertAll(
                // I: at(125) - at(75) = (1000 + 400 * 25/100) - 1000 * 75/100 = 1100 - 750
                () -> assertEquals(350, i.sampledBytesInclusive()),
                () -> assertEquals(0, i.sampledLowInclusive()),         // one sample inside: 1000 - 1000
                () -> assertEquals(1400, i.sampledHighInclusive()),     // cum(0) .. cum(200): 1400 - 0
                // O: at(150) - at(50) = (1000 + 400 * 50/100) - 1000 * 50/100 = 1200 - 500
                () -> assertEquals(700, o.sampledBytesInclusive()),
                () -> assertEquals(350, o.sampledBytes()),              // 700 - I's 350
                () -> assertEquals(0, o.sampledLowInclusive()),         // 1000 - 1000
                () -> assertEquals(1400, o.sampledHighInclusive()),     // 1400 - 0
                () -> assertEquals(0, o.sampledLow()),                  // max(0, 0 - I's high 1400)
                () -> assertEquals(1400, o.sampledHigh()),              // max(0, 1400 - I's low 0)
                () -> assertEquals(0, o.samples()),
                () -> assertEquals(1000, o.sampleWeightInclusive()),    // 0 + I's 1000
                // Z: at(300) - at(200) = 1400 - 1400: nothing known after 200
                () -> assertEquals(0, z.sampledBytesInclusive()),
                () -> assertEquals(400, z.sampleWeight()),              // the classic estimator disagrees
                () -> assertEquals(UNKNOWN, z.sampledHighInclusive()),
                () -> assertFalse(z.includesNested()));                 // O ended before Z started
    }

    @Test
    void aCollectionPauseGetsNoBytes() {
        // started at 0; one sample (100, 1000, k0); pause [40, 60]: 80 of running time up to 100
        // three scopes one after another: X = [0, 40], G = [40, 60] (the pause), Y = [60, 100]
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(40, 60);
        Recorder r = sweepOnce(0L, pauses, batch().scope(X, 0, 40).scope(G, 40, 60).scope(Y, 60, 100)
                .sample(100, 1000, 0));
        r.assertSamples("k0->Y:1000");                                 // the sample at 100 is in Y only
        assertAll(
                () -> assertEquals(500, r.get(X).sampledBytes()),       // 1000 * 40/80 - 0
                () -> assertEquals(0, r.get(G).sampledBytes()),         // 1000 * (40-40)/80
                () -> assertEquals(500, r.get(Y).sampledBytes()),       // 1000 - 1000 * 40/80
                () -> assertEquals(0, r.get(X).sampledLowInclusive()),  // no sample inside
                () -> assertEquals(1000, r.get(X).sampledHighInclusive()), // start (0, 0) .. cum(100)
                () -> assertEquals(1000, r.get(G).sampledHighInclusive()), // the same points
                () -> assertEquals(0, r.get(Y).sampledLowInclusive()),  // one sample inside: 1000 - 1000
                () -> assertEquals(1000, r.get(Y).sampledHighInclusive()), // the sample at 100 is at Y's end
                () -> assertFalse(r.get(G).includesNested()),           // siblings, not nested
                () -> assertFalse(r.get(Y).includesNested()));
    }

    @Test
    void samplesAtTheSameTimeAllCount() {
        // started at 0; (10, 100, k0) (20, 50, k1) (20, 30, k2) (30, 10, k3): cum 100@10 150,180@20 190@30
        // S = [0, 20] holds both samples at 20
        Recorder r = sweepOnce(0L, batch().scope(S, 0, 20)
                .sample(10, 100, 0).sample(20, 50, 1).sample(20, 30, 2).sample(30, 10, 3));
        FinishedScope s = r.get(S);
        r.assertSamples("k0->S:100", "k1->S:50", "k2->S:30", "k3->outside:10");
        assertAll(
                () -> assertEquals(180, s.sampledBytesInclusive()),     // at(20) - at(0) = (100 + 50 + 30) - 0
                () -> assertEquals(3, s.samples()),
                () -> assertEquals(180, s.sampleWeight()),              // 100 + 50 + 30
                () -> assertEquals(80, s.sampledLowInclusive()));       // cum(10) .. the last at 20: 180 - 100
    }

    @Test
    void samplesAtTheSameTimeKeepTheBoundsAroundTheEstimate() {
        // as above: (10, 100, k0) (20, 50, k1) (20, 30, k2) (30, 10, k3) (40, 10, k4); cum 100@10 150,180@20 190@30 200@40
        // the curve at 20 is 180 (both samples at 20 have happened by then)
        Recorder before = sweepOnce(0L, batch().scope(S, 0, 20)
                .sample(10, 100, 0).sample(20, 50, 1).sample(20, 30, 2).sample(30, 10, 3).sample(40, 10, 4));
        Recorder after = sweepOnce(0L, batch().scope(T, 20, 30)
                .sample(10, 100, 0).sample(20, 50, 1).sample(20, 30, 2).sample(30, 10, 3).sample(40, 10, 4));
        FinishedScope s = before.get(S);
        FinishedScope t = after.get(T);
        assertAll(
                () -> assertEquals(180, s.sampledBytesInclusive()),     // at(20) - at(0) = 180 - 0
                // at most: from the start (0) to a point at or after 20 that has both samples at 20: >= 180
                () -> assertTrue(s.sampledHighInclusive() >= 180, () -> "high " + s.sampledHighInclusive()),
                () -> assertEquals(10, t.sampledBytesInclusive()),      // at(30) - at(20) = 190 - 180
                // at least: from the curve at 20 (180) to cum(30) = 190: <= 10
                () -> assertTrue(t.sampledLowInclusive() <= 10, () -> "low " + t.sampledLowInclusive()),
                () -> assertTrue(t.sampledLowInclusive() <= t.sampledHighInclusive(),
                        () -> "low " + t.sampledLowInclusive() + " > high " + t.sampledHighInclusive()));
    }

    @Test
    void aSampleOnTheBoundaryOfTwoSiblingsGoesToTheOneEndingThere() {
        // started at 0; X = [0, 40], Y = [40, 75]; (20, 100, k0) (40, 100, k1) (60, 100, k2) (90, 100, k3)
        // cum 100@20 200@40 300@60 400@90; X settles at 60 and takes the sample at 40 first
        Recorder r = sweepOnce(0L, batch().scope(X, 0, 40).scope(Y, 40, 75)
                .sample(20, 100, 0).sample(40, 100, 1).sample(60, 100, 2).sample(90, 100, 3));
        r.assertSamples("k0->X:100", "k1->X:100", "k2->Y:100", "k3->outside:100");
        assertAll(
                () -> assertEquals(200, r.get(X).sampledBytes()),       // at(40) - at(0) = 200 - 0
                () -> assertEquals(150, r.get(Y).sampledBytes()),       // at(75) - at(40) = (300 + 100 * 15/30) - 200
                () -> assertFalse(r.get(Y).includesNested()),           // X started before Y: a sibling
                () -> assertEquals(100, r.get(Y).sampledLowInclusive()), // cum(40) .. cum(60): 300 - 200
                // from the last sample strictly before Y's start (one at the very nanosecond Y starts
                // may hold Y's first bytes): cum(20) .. cum(90): 400 - 100
                () -> assertEquals(300, r.get(Y).sampledHighInclusive()));
    }

    @Test
    void unknownThreadStartDropsTheFirstWeightFromBytesButNotFromSampleWeight() {
        // (10, 5000, k0) (20, 100, k1); S = [0, 20]
        Recorder unknown = sweepOnce(null, batch().scope(S, 0, 20).sample(10, 5000, 0).sample(20, 100, 1));
        Recorder known = sweepOnce(0L, batch().scope(S, 0, 20).sample(10, 5000, 0).sample(20, 100, 1));
        FinishedScope u = unknown.get(S);
        FinishedScope k = known.get(S);
        unknown.assertSamples("k0->S:5000", "k1->S:100");
        known.assertSamples("k0->S:5000", "k1->S:100");
        assertAll(
                // start unknown: the 5000 covers time before the recording: cum 0@10 100@20; at(20) - at(0) = 100 - 0
                () -> assertEquals(100, u.sampledBytes()),
                () -> assertEquals(2, u.samples()),
                () -> assertEquals(5100, u.sampleWeight()),             // classic estimator: 5000 + 100
                () -> assertEquals(100, u.sampledLowInclusive()),       // cum(10) .. cum(20): 100 - 0
                () -> assertEquals(UNKNOWN, u.sampledHighInclusive()),  // no point at or before 0
                // started at 0: cum 5000@10 5100@20; at(20) - at(0) = 5100 - 0
                () -> assertEquals(5100, k.sampledBytes()),
                () -> assertEquals(5100, k.sampleWeight()),
                () -> assertEquals(100, k.sampledLowInclusive()),       // 5100 - 5000
                () -> assertEquals(5100, k.sampledHighInclusive()));    // start (0, 0) .. cum(20): 5100 - 0
    }

    @Test
    void aScopeCountedRatherThanKeptCarriesTheFiguresItWouldHaveHad() {
        // P = [0, 100] (size 7, allocated 4000) holding C = [20, 60] (size 3, allocated 900) and a
        // start before the first sample, so that no two figures of a scope are equal by chance
        // (low and high differ, and the high of one scope is unknown). The same batch settles
        // once for a listener that keeps scopes whole and once for one that only counts them.
        Batch batch = batch().scope(P, 0, 100, 7, 0, 4000, ThreadBatch.UNKNOWN)
                .scope(C, 20, 60, 3, 0, 900, ThreadBatch.UNKNOWN)
                .sample(10, 100, 0).sample(30, 200, 1).sample(50, 300, 2).sample(90, 400, 3);
        Recorder whole = sweepOnce(0L, batch);
        List<List<Long>> counted = new ArrayList<>();
        SweepListener counting = new SweepListener() {
            @Override
            public boolean wantsScope() {
                return false;
            }

            @Override
            public void scope(FinishedScope scope) {
                throw new AssertionError("a scope to be counted came whole");
            }

            @Override
            public void counted(int nameId, long size, long allocatedBytes, long sampleWeightInclusive,
                                long sampledBytes, long sampledLow, long sampledHigh, boolean includesNested) {
                counted.add(List.of((long) nameId, size, allocatedBytes, sampleWeightInclusive, sampledBytes,
                        sampledLow, sampledHigh, includesNested ? 1L : 0L));
            }

            @Override
            public void sample(int nameId, int key, long weight) {
            }
        };
        ThreadSweep sweep = new ThreadSweep("t", 0L, counting);
        sweep.accept(batch.sorted(), new PauseTimeline(), 1);
        sweep.finish(new PauseTimeline());
        assertEquals(whole.scopes.stream().map(s -> List.of((long) s.nameId(), s.size(), s.allocatedBytes(),
                s.sampleWeightInclusive(), s.sampledBytes(), s.sampledLow(), s.sampledHigh(),
                s.includesNested() ? 1L : 0L)).toList(), counted);
    }

    @Test
    void eachThreadUsesItsOwnSamplesAndExactFiguresPassThrough() {
        // three threads with a scope each over [0, 100]; a shared listener; batches taken interleaved
        //   t1, start unknown: (50, 1000, k0) dropped from the curve, (100, 3000, k1); A: size 3, payload 48,
        //       allocated 5000, retained 64
        //   t2, started at 0: (50, 600, k2); B: no exact figures
        //   t3, started at 0: no samples; C: allocated 777
        Recorder r = new Recorder();
        PauseTimeline pauses = new PauseTimeline();
        ThreadSweep t1 = new ThreadSweep("t1", null, r);
        ThreadSweep t2 = new ThreadSweep("t2", 0L, r);
        ThreadSweep t3 = new ThreadSweep("t3", 0L, r);
        t1.accept(new Batch("t1").scope(A, 0, 100, 3, 48, 5000, 64).sample(50, 1000, 0).sample(100, 3000, 1).sorted(),
                pauses, 1);
        t2.accept(new Batch("t2").scope(B, 0, 100).sample(50, 600, 2).sorted(), pauses, 1);
        t3.accept(new Batch("t3").scope(C, 0, 100, 0, 0, 777, ThreadBatch.UNKNOWN).sorted(), pauses, 1);
        assertEquals(List.of(), r.scopes);                              // none has a sample after 100 yet
        t2.finish(pauses);
        t3.finish(pauses);
        t1.finish(pauses);
        r.assertSamples("k0->A:1000", "k1->A:3000", "k2->B:600");     // t2's sample at 50 is not A's
        FinishedScope a = r.get(A);
        FinishedScope b = r.get(B);
        FinishedScope c = r.get(C);
        assertAll(
                () -> assertEquals(List.of('B', 'C', 'A'), r.scopeOrder()), // in finish order
                () -> assertEquals("t1", a.threadName()),
                () -> assertEquals("t2", b.threadName()),
                () -> assertEquals("t3", c.threadName()),
                () -> assertEquals(0, a.startNanos()),
                () -> assertEquals(100, a.endNanos()),
                () -> assertEquals(100, a.durationNanos()),              // 100 - 0
                () -> assertEquals(3, a.size()),
                () -> assertEquals(48, a.payloadBytes()),
                () -> assertEquals(5000, a.allocatedBytes()),
                () -> assertEquals(64, a.retainedBytes()),
                () -> assertEquals(3000, a.sampledBytes()),              // at(100) - at(0) = 3000 - 0, not 5000
                () -> assertEquals(4000, a.sampleWeight()),              // 1000 + 3000
                () -> assertEquals(3000, a.sampledLowInclusive()),       // cum(50) .. cum(100): 3000 - 0
                () -> assertEquals(UNKNOWN, a.sampledHighInclusive()),   // no point at or before 0
                () -> assertEquals(600, b.sampledBytes()),               // at(100) - at(0) = 600 - 0
                () -> assertEquals(ThreadBatch.UNKNOWN, b.allocatedBytes()),
                () -> assertFalse(b.hasAllocatedBytes()),
                () -> assertEquals(600, b.sampleWeight()),
                () -> assertEquals(0, c.sampledBytes()),                 // no samples on t3: 0 - 0
                () -> assertEquals(0, c.samples()),
                () -> assertEquals(0, c.sampledLowInclusive()),
                () -> assertEquals(UNKNOWN, c.sampledHighInclusive()),
                () -> assertEquals(777, c.allocatedBytes()),
                () -> assertTrue(c.hasAllocatedBytes()),
                () -> assertFalse(c.hasRetainedBytes()));
    }

    @Test
    void provenBoundsInclusiveAndExclusive() {
        // started at 0; (10, 100, k0) (20, 200, k1) (30, 300, k2) (40, 400, k3) (50, 500, k4)
        // cum 100@10 300@20 600@30 1000@40 1500@50
        // S = [15, 45] holds N = [22, 28] (no sample inside N); L = [55, 70] after the last sample
        Recorder r = sweepOnce(0L, batch().scope(N, 22, 28).scope(S, 15, 45).scope(L, 55, 70)
                .sample(10, 100, 0).sample(20, 200, 1).sample(30, 300, 2).sample(40, 400, 3).sample(50, 500, 4));
        FinishedScope n = r.get(N);
        FinishedScope s = r.get(S);
        FinishedScope l = r.get(L);
        r.assertSamples("k0->outside:100", "k1->S:200", "k2->S:300", "k3->S:400", "k4->outside:500");
        assertAll(
                // N: at(28) - at(22) = (300 + 300 * 8/10) - (300 + 300 * 2/10) = 540 - 360
                () -> assertEquals(180, n.sampledBytesInclusive()),
                () -> assertEquals(0, n.sampledLowInclusive()),         // no sample inside
                () -> assertEquals(300, n.sampledHighInclusive()),      // cum(20) .. cum(30): 600 - 300
                () -> assertEquals(0, n.sampledLow()),                  // max(0, 0 - 0)
                () -> assertEquals(300, n.sampledHigh()),               // max(0, 300 - 0)
                () -> assertEquals(0, n.samples()),
                // S: at(45) - at(15) = (1000 + 500 * 5/10) - (100 + 200 * 5/10) = 1250 - 200
                () -> assertEquals(1050, s.sampledBytesInclusive()),
                () -> assertEquals(870, s.sampledBytes()),              // 1050 - N's 180
                () -> assertEquals(700, s.sampledLowInclusive()),       // cum(20) .. cum(40): 1000 - 300
                () -> assertEquals(1400, s.sampledHighInclusive()),     // cum(10) .. cum(50): 1500 - 100
                () -> assertEquals(400, s.sampledLow()),                // max(0, 700 - N's high 300)
                () -> assertEquals(1400, s.sampledHigh()),              // max(0, 1400 - N's low 0)
                () -> assertEquals(3, s.samples()),
                () -> assertEquals(900, s.sampleWeight()),              // 200 + 300 + 400
                () -> assertEquals(900, s.sampleWeightInclusive()),     // N has none
                () -> assertTrue(s.includesNested()),
                // L: at(70) - at(55) = 1500 - 1500 (flat after 50)
                () -> assertEquals(0, l.sampledBytesInclusive()),
                () -> assertEquals(0, l.sampledLowInclusive()),         // no sample inside
                () -> assertEquals(UNKNOWN, l.sampledHighInclusive()),  // no sample at or after 70
                () -> assertEquals(0, l.sampledLow()),
                () -> assertEquals(UNKNOWN, l.sampledHigh()),           // unknown inclusive high: unknown exclusive high
                () -> assertFalse(l.includesNested()));                 // S ended before L started
        // and each estimate lies within its bounds: 0 <= 180 <= 300, 700 <= 1050 <= 1400, 400 <= 870 <= 1400
        for (FinishedScope scope : List.of(n, s)) {
            assertTrue(scope.sampledLowInclusive() <= scope.sampledBytesInclusive()
                    && scope.sampledBytesInclusive() <= scope.sampledHighInclusive(), scope::toString);
            assertTrue(scope.sampledLow() <= scope.sampledBytes() && scope.sampledBytes() <= scope.sampledHigh(),
                    scope::toString);
        }
    }

    // ---------------------------------------------------------------- across chunks, and the window

    @Test
    void scopeSpanningTwoBatches() {
        // started at 0; chunk 1 (starts at 5): (10, 100, k0) (20, 100, k1)
        // chunk 2 (starts at 25): S = [15, 35] and (30, 100, k2); chunk 3: (40, 100, k3); chunk 4: nothing
        // cum 100@10 200@20 300@30 400@40; forgetBefore as Attribution calls it: the previous chunk's start
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        sweep.accept(batch().sample(10, 100, 0).sample(20, 100, 1).sorted(), none, 1);
        assertEquals(1, sweep.lastActivityChunk());
        assertTrue(sweep.isIdle());                                     // no scope waiting
        sweep.accept(batch().scope(S, 15, 35).sample(30, 100, 2).sorted(), none, 2);
        sweep.forgetBefore(5);                                          // nothing before 5
        assertEquals(List.of(), r.scopes);                              // S waits for a sample after 35
        assertFalse(sweep.isIdle());
        assertEquals(2, sweep.lastActivityChunk());
        sweep.accept(batch().sample(40, 100, 3).sorted(), none, 3);
        assertTrue(sweep.isIdle());
        FinishedScope s = r.get(S);
        sweep.forgetBefore(25);                                         // k0 (10) was in no scope
        r.assertSamples("k1->S:100", "k2->S:100", "k0->outside:100");
        sweep.accept(batch().sorted(), none, 4);
        assertEquals(3, sweep.lastActivityChunk());                     // an empty batch is no activity
        sweep.finish(none);
        r.assertSamples("k1->S:100", "k2->S:100", "k0->outside:100", "k3->outside:100");
        assertAll(
                // at(35) - at(15) = (300 + 100 * 5/10) - (100 + 100 * 5/10) = 350 - 150
                () -> assertEquals(200, s.sampledBytesInclusive()),
                () -> assertEquals(100, s.sampledLowInclusive()),       // cum(20) .. cum(30): 300 - 200
                () -> assertEquals(300, s.sampledHighInclusive()),      // cum(10) .. cum(40): 400 - 100
                () -> assertEquals(2, s.samples()),                     // 20 (from chunk 1) and 30
                () -> assertEquals(200, s.sampleWeight()));
    }

    @Test
    void scopeStartingBeforeTheHorizonKeepsTrueBounds() {
        // started at 0. The thread really allocates 100 at 5, 200 at 15, 300 at 25, 400 at 35, 500 at 45,
        // 600 at 55; samples every 10: (10, 100, k0) (20, 200, k1) (30, 300, k2) (40, 400, k3) then
        // (50, 500, k4) (60, 600, k5): cum 100@10 300@20 600@30 1000@40 1500@50 2100@60
        // L = [12, 47] truly allocated 200 + 300 + 400 + 500 = 1400 (at 15, 25, 35, 45)
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        sweep.accept(batch().sample(10, 100, 0).sample(20, 200, 1).sample(30, 300, 2).sample(40, 400, 3).sorted(),
                none, 1);
        // horizon 35: the unclaimed 10, 20, 30 leave (the last of them, 30, stays on the curve); 20 stays as
        // a point (20, 300) besides the start (0, 0)
        sweep.forgetBefore(35);
        r.assertSamples("k0->outside:100", "k1->outside:200", "k2->outside:300");
        sweep.forgetBefore(35);                                         // again: nothing more leaves
        r.assertSamples("k0->outside:100", "k1->outside:200", "k2->outside:300");
        sweep.accept(batch().scope(L, 12, 47).sample(50, 500, 4).sample(60, 600, 5).sorted(), none, 2);
        FinishedScope l = r.get(L);
        long truth = 1400;
        assertAll(
                // at least: first sample at/after 12 still known is 30: cum(30) .. cum(40) = 1000 - 600
                () -> assertEquals(400, l.sampledLowInclusive()),
                // at most: last point at/before 12 is the start (0, 0); first at/after 47 is 50: 1500 - 0
                () -> assertEquals(1500, l.sampledHighInclusive()),
                () -> assertTrue(l.sampledLowInclusive() <= truth && truth <= l.sampledHighInclusive()), // 400 <= 1400 <= 1500
                () -> assertEquals(400, l.sampledLow()),                // no children: 400 - 0
                () -> assertEquals(1500, l.sampledHigh()),              // 1500 - 0
                // the estimate lies within the bounds (exact value: see estimateBeforeTheWindowUsesTheNearestPoints)
                () -> assertTrue(l.sampledBytesInclusive() >= 400 && l.sampledBytesInclusive() <= 1500,
                        () -> "estimate " + l.sampledBytesInclusive()),
                // its own samples: only 40 was still unclaimed (20 and 30 were counted outside: documented)
                () -> assertEquals(1, l.samples()),
                () -> assertEquals(400, l.sampleWeight()));
        sweep.finish(none);
        r.assertSamples("k0->outside:100", "k1->outside:200", "k2->outside:300", "k3->L:400",
                "k4->outside:500", "k5->outside:600");                  // each exactly once
    }

    @Test
    void estimateBeforeTheWindowUsesTheNearestPoints() {
        // started at 0; (10, 5, k0) (20, 5, k1) (30, 590, k2) (40, 400, k3): cum 5@10 10@20 600@30 1000@40
        // forgetBefore(35): 10 dropped, 20 kept as a point (20, 10), 30 and 40 stay in the window
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, new Recorder());
        sweep.accept(batch().sample(10, 5, 0).sample(20, 5, 1).sample(30, 590, 2).sample(40, 400, 3).sorted(), none, 1);
        assertEquals(9, sweep.at(18, none), EXACT);                     // before forgetting: 5 + 5 * 8/10
        sweep.forgetBefore(35);
        assertAll(
                () -> assertEquals(10, sweep.at(20, none), EXACT),      // the point (20, 10)
                () -> assertEquals(305, sweep.at(25, none), EXACT),     // 10 + 590 * 5/10: in the window's first interval
                () -> assertEquals(6, sweep.at(12, none), EXACT),       // between (0, 0) and (20, 10): 10 * 12/20
                () -> assertTrue(sweep.at(12, none) <= sweep.at(20, none))); // a cumulative curve never falls
    }

    @Test
    void forgottenNestedScopeStillCountsForTheScopeAroundIt() {
        // started at 0. The thread allocates 100 at 5, 15, 25, 400 at 35, 100 at 45 and 55; samples every 10:
        // cum 100@10 200@20 300@30 700@40 800@50 900@60. N = [31, 39] holds the 400; L = [29, 41] holds N
        // chunk 1: the samples up to 40 and N, which settles at 40; horizon 35; chunk 2: L and the rest
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        sweep.accept(batch().scope(N, 31, 39).sample(10, 100, 0).sample(20, 100, 1).sample(30, 100, 2)
                .sample(40, 400, 3).sorted(), none, 1);
        sweep.forgetBefore(35);
        sweep.accept(batch().scope(L, 29, 41).sample(50, 100, 4).sample(60, 100, 5).sorted(), none, 2);
        sweep.finish(none);
        FinishedScope n = r.get(N);
        FinishedScope l = r.get(L);
        long trueExclusive = 0; // L's 400 were all allocated inside N
        assertAll(
                () -> assertEquals(320, n.sampledBytesInclusive()),     // at(39) - at(31) = (300 + 400 * 9/10) - (300 + 400 * 1/10)
                () -> assertEquals(400, n.sampledHighInclusive()),      // cum(30) .. cum(40): 700 - 300
                () -> assertEquals(400, l.sampledLowInclusive()),       // cum(30) .. cum(40): 700 - 300
                // at least, nested excluded: max(0, 400 - N's high 400) = 0, and never above the truth
                () -> assertTrue(l.sampledLow() <= trueExclusive, () -> "sampledLow " + l.sampledLow()),
                () -> assertTrue(l.includesNested(), "L ran N inside it"));
    }

    @Test
    void samplesLeavingTheWindowUnclaimedAreOutsideExactlyOnce() {
        // started at 0; (10, 100, k0) (20, 100, k1) (30, 100, k2); then (40, 100, k3); no scopes
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        sweep.accept(batch().sample(10, 100, 0).sample(20, 100, 1).sample(30, 100, 2).sorted(), none, 1);
        sweep.forgetBefore(25);                                         // 10 and 20 leave
        r.assertSamples("k0->outside:100", "k1->outside:100");
        assertEquals(250, sweep.at(25, none), EXACT);                   // 20 stays on the curve: 200 + 100 * 5/10
        sweep.forgetBefore(25);                                         // the same horizon again: nothing
        sweep.forgetBefore(15);                                         // an older one: nothing
        r.assertSamples("k0->outside:100", "k1->outside:100");
        sweep.accept(batch().sample(40, 100, 3).sorted(), none, 2);
        sweep.forgetBefore(35);                                         // 30 leaves
        r.assertSamples("k0->outside:100", "k1->outside:100", "k2->outside:100");
        sweep.finish(none);                                             // 40 leaves at the end
        r.assertSamples("k0->outside:100", "k1->outside:100", "k2->outside:100", "k3->outside:100");
        sweep.finish(none);                                             // finishing twice adds nothing
        assertEquals(4, r.samples.size());
        assertEquals(List.of(), r.scopes);
    }

    @Test
    void aClaimedSampleIsNeverAlsoOutside() {
        // started at 0; S = [5, 25] holds C = [8, 12]; (10, 100, k0) (20, 100, k1) (30, 100, k2)
        // C settles at 20 and takes 10; S settles at 30 and takes 20; 30 is in no scope
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        sweep.accept(batch().scope(C, 8, 12).scope(S, 5, 25).sample(10, 100, 0).sample(20, 100, 1)
                .sample(30, 100, 2).sorted(), none, 1);
        r.assertSamples("k0->C:100", "k1->S:100");
        sweep.forgetBefore(35);                                         // only the unclaimed 30 leaves
        r.assertSamples("k0->C:100", "k1->S:100", "k2->outside:100");
        sweep.finish(none);
        r.assertSamples("k0->C:100", "k1->S:100", "k2->outside:100");
        assertEquals(200, r.get(S).sampleWeightInclusive());            // 100 + C's 100
    }

    @Test
    void manyChunksThinTheOlderPointsAndBoundsStayTrue() {
        // started at 0; the thread allocates 1 byte per ns; chunk i (1..100) has one sample (10 i, 10, ki):
        // cum = t at every sample. After chunk i the window forgets before 10 i - 5: from chunk 3 on one
        // point per chunk is kept, 98 in all, past the 64 kept points: they are thinned out.
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        for (int i = 1; i <= 100; i++) {
            sweep.accept(batch().sample(10L * i, 10, i).sorted(), none, i);
            sweep.forgetBefore(10L * i - 5);
        }
        // window now 990, 1000; chunk 101: L = [5, 1005], truly 1000 bytes, and (1010, 10, k101)
        sweep.accept(batch().scope(L, 5, 1005).sample(1010, 10, 101).sorted(), none, 101);
        FinishedScope l = r.get(L);
        assertAll(
                () -> assertEquals(10, l.sampledLowInclusive()),        // cum(990) .. cum(1000): 1000 - 990
                () -> assertEquals(1010, l.sampledHighInclusive()),     // start (0, 0) .. cum(1010): 1010 - 0
                () -> assertEquals(1000, l.sampledBytesInclusive()),    // at(1005) - at(5) = 1005 - 5 (the truth is linear)
                () -> assertEquals(1, l.samples()),                     // 1000; 990 and older were counted outside
                () -> assertEquals(10, l.sampleWeight()));
        sweep.finish(none);
        assertEquals(101, r.samples.size());                            // k1..k101, each once
        assertEquals(100, r.samples.stream().filter(s -> s.contains("->outside:")).count());
        assertTrue(r.samples.contains("k100->L:10"));
    }

    @Test
    void manySiblingsAndChildrenPassThroughTheSettledScopesBuffer() {
        // started at 0; 1 byte per ns: a sample (10 i, 10, ki) every 10 ns, cum = t at every sample, and
        // at(t) = t between them. Scopes [10 i + 2, 10 i + 7] hold no sample and are estimated 5 each.
        // chunk 1: samples i = 1..101 (10..1010) and 100 siblings S_i = [10 i + 2, 10 i + 7], i = 1..100
        // (past the buffer's first 64); horizon 505 forgets S_1..S_50 (starts 12..502) and the samples 10..500
        // chunk 2: samples j = 102..141 (1020..1410); 38 children D_j = [10 j + 2, 10 j + 7], j = 102..139,
        // inside Q = [1015, 1405]; the buffer fills up again and is compacted on the way
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r);
        Batch first = batch();
        for (int i = 1; i <= 101; i++) {
            first.sample(10L * i, 10, i);
        }
        for (int i = 1; i <= 100; i++) {
            first.scope(S, 10L * i + 2, 10L * i + 7);
        }
        sweep.accept(first.sorted(), none, 1);
        sweep.forgetBefore(505);
        Batch second = batch();
        for (int j = 102; j <= 141; j++) {
            second.sample(10L * j, 10, j);
        }
        for (int j = 102; j <= 139; j++) {
            second.scope(C, 10L * j + 2, 10L * j + 7);
        }
        second.scope(Q, 1015, 1405);
        sweep.accept(second.sorted(), none, 2);
        sweep.finish(none);
        FinishedScope q = r.get(Q);
        List<FinishedScope> siblings = r.scopes.stream().filter(f -> f.nameId() == S).toList();
        List<FinishedScope> children = r.scopes.stream().filter(f -> f.nameId() == C).toList();
        assertAll(
                () -> assertEquals(100, siblings.size()),
                () -> assertEquals(38, children.size()),                // j = 102..139
                () -> assertTrue(siblings.stream().allMatch(f -> f.sampledBytes() == 5 && !f.includesNested())),
                () -> assertTrue(children.stream().allMatch(f -> f.sampledBytes() == 5  // at(10 j + 7) - at(10 j + 2)
                        && f.sampledHighInclusive() == 10                  // cum(10 j + 10) - cum(10 j)
                        && f.sampledLowInclusive() == 0 && f.samples() == 0)),
                () -> assertEquals(390, q.sampledBytesInclusive()),     // at(1405) - at(1015) = 1405 - 1015
                () -> assertEquals(200, q.sampledBytes()),              // 390 - 38 * 5 (the siblings S_i are not Q's)
                () -> assertEquals(380, q.sampledLowInclusive()),       // cum(1020) .. cum(1400)
                () -> assertEquals(400, q.sampledHighInclusive()),      // cum(1010) .. cum(1410)
                () -> assertEquals(0, q.sampledLow()),                  // max(0, 380 - 38 * 10)
                () -> assertEquals(400, q.sampledHigh()),               // max(0, 400 - 38 * 0)
                () -> assertEquals(39, q.samples()),                    // 1020..1400: j = 102..140
                () -> assertEquals(390, q.sampleWeight()),              // 39 * 10
                () -> assertEquals(390, q.sampleWeightInclusive()),     // the children hold no sample
                () -> assertTrue(q.includesNested()),
                // every sample once: 141 in all, Q's 39, the other 102 in no scope
                () -> assertEquals(141, r.samples.size()),
                () -> assertEquals(39, r.samples.stream().filter(x -> x.contains("->Q:")).count()),
                () -> assertEquals(102, r.samples.stream().filter(x -> x.contains("->outside:")).count()),
                () -> assertEquals(141, r.samples.stream().map(x -> x.substring(0, x.indexOf("->"))).distinct().count()));
    }

    @Test
    void aSweepWithNothingReportsNothing() {
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", null, r);
        assertTrue(sweep.isIdle());
        assertEquals(0, sweep.lastActivityChunk());
        sweep.forgetBefore(100);
        sweep.finish(none);
        assertEquals(List.of(), r.scopes);
        assertEquals(List.of(), r.samples);
    }

    @Test
    void aPartWithMoreScopesThanTheBudgetIsLeftOutOfTheEstimateOnly() {
        // a budget of 2,000 boundaries (1,000 scopes); chunk 1: one scope more, each [10 i, 10 i + 5] with a sample
        // inside; chunk 2: enough such scopes for two spans. Chunk 1 is left out of the estimate (no span from it),
        // chunk 2 is not,
        // and every scope of both still settles with its samples.
        int crowded = 1001;
        int later = 2 * SpanTimeline.CALLS_PER_SPAN + 50;
        BoundaryBudget budget = new BoundaryBudget(2000);
        CallCountEstimator estimator = new CallCountEstimator();
        Recorder r = new Recorder();
        PauseTimeline none = new PauseTimeline();
        ThreadSweep sweep = new ThreadSweep("t", 0L, r, estimator, budget);
        Batch first = batch();
        for (int i = 1; i <= crowded; i++) {
            first.scope(A, 10L * i, 10L * i + 5).sample(10L * i + 2, 100, i);
        }
        first.sample(10L * crowded + 7, 100, 0); // settles the last scope in this chunk
        sweep.accept(first.sorted(), none, 1, true);
        long horizon = 10L * crowded + 8;
        sweep.forgetBefore(horizon, true);
        assertEquals(0, estimator.spans());
        assertEquals(0, budget.held(), "the abandoned part gave its room back");
        Batch second = batch();
        for (int i = crowded + 1; i <= crowded + later; i++) {
            second.scope(B, 10L * i, 10L * i + 5).sample(10L * i + 2, 100, i);
        }
        sweep.accept(second.sorted(), none, 2, true);
        sweep.finish(none);
        assertAll(
                () -> assertEquals(crowded + later, r.scopes.size()),
                () -> assertTrue(r.scopes.stream().allMatch(s -> s.sampleWeightInclusive() == 100)), // its own sample each
                () -> assertEquals(2, estimator.spans()),
                () -> assertEquals(0, budget.held(), "finished: every boundary handed over and given back"));
    }
}

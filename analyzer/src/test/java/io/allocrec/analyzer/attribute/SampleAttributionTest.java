package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.load.AllocationKeys;
import io.allocrec.analyzer.load.LoadedRecording;
import io.allocrec.analyzer.load.ScopeEvent;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.load.TestSamples;
import io.allocrec.analyzer.load.ThreadSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleAttribution} on hand-made recordings: which scope each sample goes to, and the
 * bytes each scope reads off its thread's curve. Expected values are worked out in comments;
 * a sample (t, w) means w bytes allocated since the thread's previous sample (or its start).
 */
class SampleAttributionTest {

    private static final long[][] NO_PAUSES = new long[0][];

    private static ScopeEvent scope(String name, String thread, long start, long end) {
        return scope(name, thread, start, end, ScopeEvent.UNKNOWN);
    }

    private static ScopeEvent scope(String name, String thread, long start, long end, long exactBytes) {
        return new ScopeEvent(name, 0, 0, exactBytes, ScopeEvent.UNKNOWN, thread, thread, start, end);
    }

    private static LoadedRecording recording(List<ScopeEvent> scopes, Map<String, ThreadSamples> samples,
                                             long[][] pauses, Map<String, Long> threadStarts) {
        return new LoadedRecording(ScopeSelection.scenarios(), scopes, samples, new AllocationKeys(), pauses,
                threadStarts);
    }

    /** "scope name -> sample index" for each call of the listener, in call order. */
    private static final class Calls implements InnermostSamples {
        final List<String> calls = new ArrayList<>();

        @Override
        public void sample(ScopeEvent scope, ThreadSamples samples, int index) {
            calls.add(scope.name() + "<-" + index);
        }
    }

    @Test
    void nestedScopeTakesItsSamplesAndParentKeepsTheRest() {
        // thread t started at 0; P = [0, 100], C = [20, 60] inside it
        // samples (10, 100) (30, 200) (50, 300) (90, 400): cumulative 100@10 300@30 600@50 1000@90
        ScopeEvent p = scope("P", "t", 0, 100);
        ScopeEvent c = scope("C", "t", 20, 60);
        Calls calls = new Calls();
        List<AttributedScope> result = SampleAttribution.attribute(recording(List.of(p, c),
                Map.of("t", TestSamples.of(10, 100, 30, 200, 50, 300, 90, 400)), NO_PAUSES, Map.of("t", 0L)), calls);

        AttributedScope ap = result.get(0);
        AttributedScope ac = result.get(1);
        assertAll(
                () -> assertSame(p, ap.event()),
                () -> assertSame(c, ac.event()),
                // samples: 10 -> P (before C), 30 and 50 -> C (innermost), 90 -> P (C ended at 60)
                () -> assertEquals(List.of("P<-0", "C<-1", "C<-2", "P<-3"), calls.calls),
                () -> assertEquals(2, ap.samples()),
                () -> assertEquals(2, ac.samples()),
                () -> assertEquals(500, ap.sampleWeight()),            // 100 + 400
                () -> assertEquals(1000, ap.sampleWeightInclusive()),  // 500 + C's 500
                () -> assertEquals(500, ac.sampleWeight()),            // 200 + 300
                () -> assertEquals(500, ac.sampleWeightInclusive()),
                // C: at(60) - at(20) = (600 + 400 * 10/40) - (100 + 200 * 10/20) = 700 - 200 = 500
                () -> assertEquals(500, ac.sampledBytesInclusive()),
                () -> assertEquals(500, ac.sampledBytes()),
                // P: at(100) - at(0) = 1000 - 0 (after the last sample nothing more); minus C: 500
                () -> assertEquals(1000, ap.sampledBytesInclusive()),
                () -> assertEquals(500, ap.sampledBytes()),
                () -> assertEquals(0, ap.depth()),
                () -> assertEquals(1, ac.depth()),
                () -> assertTrue(ap.hasNested()),
                () -> assertFalse(ac.hasNested()));
    }

    @Test
    void threeLevelsAddUpInnermostFirst() {
        // thread t started at 0; G = [0, 100] > P = [10, 90] > C = [20, 30]
        // samples (5, 10) (15, 20) (25, 40) (95, 70): cumulative 10@5 30@15 70@25 140@95
        ScopeEvent g = scope("G", "t", 0, 100);
        ScopeEvent p = scope("P", "t", 10, 90);
        ScopeEvent c = scope("C", "t", 20, 30);
        Calls calls = new Calls();
        List<AttributedScope> result = SampleAttribution.attribute(recording(List.of(g, p, c),
                Map.of("t", TestSamples.of(5, 10, 15, 20, 25, 40, 95, 70)), NO_PAUSES, Map.of("t", 0L)), calls);
        AttributedScope ag = result.get(0);
        AttributedScope ap = result.get(1);
        AttributedScope ac = result.get(2);
        assertAll(
                // 5 -> G, 15 -> P, 25 -> C, 95 -> G (P ended at 90)
                () -> assertEquals(List.of("G<-0", "P<-1", "C<-2", "G<-3"), calls.calls),
                () -> assertEquals(0, ag.depth()),
                () -> assertEquals(1, ap.depth()),
                () -> assertEquals(2, ac.depth()),
                () -> assertEquals(80, ag.sampleWeight()),             // 10 + 70
                () -> assertEquals(20, ap.sampleWeight()),
                () -> assertEquals(40, ac.sampleWeight()),
                () -> assertEquals(40, ac.sampleWeightInclusive()),
                () -> assertEquals(60, ap.sampleWeightInclusive()),    // 20 + 40
                () -> assertEquals(140, ag.sampleWeightInclusive()),   // 80 + 60
                // C: at(30) - at(20) = (70 + 70 * 5/70) - (30 + 40 * 5/10) = 75 - 50 = 25
                () -> assertEquals(25, ac.sampledBytesInclusive()),
                () -> assertEquals(25, ac.sampledBytes()),
                // P: at(90) - at(10) = (70 + 70 * 65/70) - (10 + 20 * 5/10) = 135 - 20 = 115; minus C: 90
                () -> assertEquals(115, ap.sampledBytesInclusive()),
                () -> assertEquals(90, ap.sampledBytes()),
                // G: at(100) - at(0) = 140 - 0; minus P (inclusive of C): 140 - 115 = 25
                () -> assertEquals(140, ag.sampledBytesInclusive()),
                () -> assertEquals(25, ag.sampledBytes()));
    }

    @Test
    void samplesBeforeTheFirstScopeGoNowhereButTheStraddlingOneIsSplit() {
        // thread t started at 0; samples (10, 100) (20, 100) (40, 200): cumulative 100@10 200@20 400@40
        // one scope S = [30, 50]: the samples at 10 and 20 are in no scope
        ScopeEvent s = scope("S", "t", 30, 50);
        Calls calls = new Calls();
        AttributedScope as = SampleAttribution.attribute(recording(List.of(s),
                Map.of("t", TestSamples.of(10, 100, 20, 100, 40, 200)), NO_PAUSES, Map.of("t", 0L)), calls).get(0);
        assertAll(
                () -> assertEquals(List.of("S<-2"), calls.calls),  // only the sample at 40
                () -> assertEquals(1, as.samples()),
                () -> assertEquals(200, as.sampleWeight()),        // the whole weight of (40, 200)
                // at(50) - at(30) = 400 - (200 + 200 * 10/20) = 400 - 300 = 100: half of the straddling sample
                () -> assertEquals(100, as.sampledBytesInclusive()),
                () -> assertEquals(100, as.sampledBytes()),
                () -> assertFalse(as.hasNested()));
    }

    @Test
    void unknownThreadStartDropsTheFirstWeightFromBytesButNotFromSampleWeight() {
        // samples (10, 5000) (20, 100); scope [0, 20]
        ScopeEvent s = scope("S", "t", 0, 20);
        Map<String, ThreadSamples> samples = Map.of("t", TestSamples.of(10, 5000, 20, 100));
        AttributedScope unknown = SampleAttribution.attribute(recording(List.of(s), samples, NO_PAUSES, Map.of()),
                (scope, in, index) -> { }).get(0);
        AttributedScope known = SampleAttribution.attribute(recording(List.of(s), samples, NO_PAUSES,
                Map.of("t", 0L)), (scope, in, index) -> { }).get(0);
        assertAll(
                // start unknown: the 5000 covers time before the recording; at(20) - at(0) = 100 - 0
                () -> assertEquals(100, unknown.sampledBytes()),
                () -> assertEquals(2, unknown.samples()),
                () -> assertEquals(5100, unknown.sampleWeight()),  // classic estimator: 5000 + 100
                // started at 0: at(20) - at(0) = 5000 + 100
                () -> assertEquals(5100, known.sampledBytes()),
                () -> assertEquals(5100, known.sampleWeight()));
    }

    @Test
    void scopeInsideACollectionPauseGetsNoBytes() {
        // thread t started at 0; one sample (100, 1000); pause [40, 60]: 80 of running time to 100
        // three scopes one after another: X = [0, 40], G = [40, 60] (the pause), Y = [60, 100]
        ScopeEvent x = scope("X", "t", 0, 40);
        ScopeEvent g = scope("G", "t", 40, 60);
        ScopeEvent y = scope("Y", "t", 60, 100);
        Calls calls = new Calls();
        List<AttributedScope> result = SampleAttribution.attribute(recording(List.of(x, g, y),
                Map.of("t", TestSamples.of(100, 1000)), new long[][] {{40, 60}}, Map.of("t", 0L)), calls);
        assertAll(
                () -> assertEquals(500, result.get(0).sampledBytes()),  // 1000 * 40/80
                () -> assertEquals(0, result.get(1).sampledBytes()),    // 1000 * (40-40)/80
                () -> assertEquals(500, result.get(2).sampledBytes()),  // 1000 * (80-40)/80
                () -> assertEquals(List.of("Y<-0"), calls.calls),       // the sample at 100 is in Y only
                () -> assertEquals(0, result.get(1).depth()),           // siblings, not nested
                () -> assertEquals(0, result.get(2).depth()));
    }

    @Test
    void exactFiguresPassThroughAndEachThreadUsesItsOwnSamples() {
        // three threads, scopes listed interleaved; A has an exact figure, B has none, C's thread has no samples
        ScopeEvent a = scope("A", "t1", 0, 100, 5000);
        ScopeEvent b = scope("B", "t2", 0, 100);
        ScopeEvent c = scope("C", "t3", 0, 100, 777);
        Map<String, ThreadSamples> samples = Map.of(
                "t1", TestSamples.of(50, 1000, 100, 3000),  // start unknown: 1000 dropped
                "t2", TestSamples.of(50, 600));             // started at 0
        List<AttributedScope> result = SampleAttribution.attribute(recording(List.of(a, b, c), samples, NO_PAUSES,
                Map.of("t2", 0L)), (scope, in, index) -> { });
        assertAll(
                () -> assertSame(a, result.get(0).event()),                  // recording order kept
                () -> assertSame(b, result.get(1).event()),
                () -> assertSame(c, result.get(2).event()),
                () -> assertEquals(5000, result.get(0).event().allocatedBytes()),
                () -> assertEquals(3000, result.get(0).sampledBytes()),      // at(100) - at(0) = 3000 - 0, not 5000
                () -> assertEquals(600, result.get(1).sampledBytes()),       // 600 - 0
                () -> assertEquals(ScopeEvent.UNKNOWN, result.get(1).event().allocatedBytes()),
                () -> assertEquals(0, result.get(2).sampledBytes()),         // no samples on t3
                () -> assertEquals(0, result.get(2).samples()),
                () -> assertEquals(777, result.get(2).event().allocatedBytes()));
    }

    @Test
    void nestedScopesStartingTogetherOuterListedFirst() {
        // P = [0, 100] and C = [0, 50] start in the same nanosecond; listed P then C
        // thread started at 0; samples (25, 100) (75, 100): cumulative 100@25 200@75
        ScopeEvent p = scope("P", "t", 0, 100);
        ScopeEvent c = scope("C", "t", 0, 50);
        assertSameStartNesting(p, c, List.of(p, c));
    }

    @Test
    void nestedScopesStartingTogetherInTheLoadersOrder() {
        // same as above, in the order JfrRecordingLoader sorts scopes into (it once put C first)
        ScopeEvent p = scope("P", "t", 0, 100);
        ScopeEvent c = scope("C", "t", 0, 50);
        List<ScopeEvent> order = new java.util.ArrayList<>(List.of(c, p));
        order.sort(ScopeEvent.NESTING_ORDER);
        assertSameStartNesting(p, c, order);
    }

    private static void assertSameStartNesting(ScopeEvent p, ScopeEvent c, List<ScopeEvent> order) {
        Calls calls = new Calls();
        List<AttributedScope> result = SampleAttribution.attribute(recording(order,
                Map.of("t", TestSamples.of(25, 100, 75, 100)), NO_PAUSES, Map.of("t", 0L)), calls);
        AttributedScope ap = result.get(order.indexOf(p));
        AttributedScope ac = result.get(order.indexOf(c));
        assertAll(
                () -> assertEquals(List.of("C<-0", "P<-1"), calls.calls), // 25 in C (innermost), 75 in P only
                () -> assertEquals(1, ac.depth()),
                () -> assertTrue(ap.hasNested()),
                // C: at(50) - at(0) = 100 + 100 * 25/50 = 150
                () -> assertEquals(150, ac.sampledBytes()),
                // P: at(100) - at(0) = 200; minus C: 50
                () -> assertEquals(200, ap.sampledBytesInclusive()),
                () -> assertEquals(50, ap.sampledBytes()));
    }
}

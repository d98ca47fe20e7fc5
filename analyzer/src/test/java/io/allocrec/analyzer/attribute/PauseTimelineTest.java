package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link PauseTimeline}: running time is wall-clock time less the (remembered) pause time before
 * it; inside a pause it stands still. Every expected value is worked out in the comment beside it.
 */
class PauseTimelineTest {

    @Test
    void noPausesIsTheWallClock() {
        PauseTimeline pauses = new PauseTimeline();
        assertAll(
                () -> assertEquals(0, pauses.size()),
                () -> assertEquals(40, pauses.runningTime(40)),     // nothing paused: 40 - 0
                () -> assertEquals(-7, pauses.runningTime(-7)));    // any time, even negative, is itself
    }

    @Test
    void noPauseBetweenTwoTimesIsRunningTimePassingAsWallClockTime() {
        // [10,40] and [50,55]; every pair of times from 0 to 70, asked in an order that defeats
        // the look-up's memory of the last answer as often as it uses it.
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(50, 55);
        pauses.add(10, 40);
        for (long from = 0; from <= 70; from++) {
            for (long to = 70; to >= from; to--) {
                boolean constant = true;
                for (long t = from; t <= to; t++) {
                    constant &= pauses.runningTime(t) - t == pauses.runningTime(from) - from;
                }
                assertEquals(constant, pauses.noPauseBetween(from, to), from + " to " + to);
            }
        }
        assertAll(
                () -> assertEquals(true, pauses.noPauseBetween(0, 10)),    // up to a pause's start
                () -> assertEquals(false, pauses.noPauseBetween(0, 11)),   // into [10,40]
                () -> assertEquals(true, pauses.noPauseBetween(40, 50)),   // between the two
                () -> assertEquals(false, pauses.noPauseBetween(39, 50)));
    }

    @Test
    void overlappingPausesAddedInAnyOrderAreMerged() {
        // [50,55], then [20,40] and [10,30] which overlap -> [10,40] (30 paused) and [50,55] (5 paused)
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(50, 55);
        pauses.add(20, 40);
        pauses.add(10, 30);
        assertAll(
                () -> assertEquals(2, pauses.size()),               // [10,40] and [50,55]
                () -> assertEquals(5, pauses.runningTime(5)),       // before any pause
                () -> assertEquals(10, pauses.runningTime(10)),     // at a pause's start: 10 - 0
                () -> assertEquals(10, pauses.runningTime(25)),     // inside [10,40]: 25 - (25-10) = 10, frozen
                () -> assertEquals(10, pauses.runningTime(40)),     // at its end: 40 - 30
                () -> assertEquals(15, pauses.runningTime(45)),     // 45 - 30
                () -> assertEquals(20, pauses.runningTime(52)),     // 52 - 30 - (52-50)
                () -> assertEquals(20, pauses.runningTime(55)),     // 55 - 30 - 5
                () -> assertEquals(25, pauses.runningTime(60)));    // 60 - 30 - 5
    }

    @Test
    void touchingPausesAreMergedEitherWay() {
        // [10,20] and [20,30] touch -> [10,30], 20 paused
        PauseTimeline forward = new PauseTimeline();
        forward.add(10, 20);
        forward.add(20, 30);
        PauseTimeline backward = new PauseTimeline();
        backward.add(20, 30);
        backward.add(10, 20);
        assertAll(
                () -> assertEquals(1, forward.size()),
                () -> assertEquals(1, backward.size()),
                () -> assertEquals(10, forward.runningTime(20)),    // inside [10,30]: frozen at 10
                () -> assertEquals(10, forward.runningTime(30)),    // 30 - 20
                () -> assertEquals(20, forward.runningTime(40)),    // 40 - 20
                () -> assertEquals(10, backward.runningTime(30)),   // 30 - 20
                () -> assertEquals(20, backward.runningTime(40)));  // 40 - 20
    }

    @Test
    void aPauseInsideAnotherAndOneSpanningSeveral() {
        // [10,50] then [20,30] inside it: still [10,50], 40 paused
        PauseTimeline inside = new PauseTimeline();
        inside.add(10, 50);
        inside.add(20, 30);
        // [10,20], [30,40], [50,60], then [15,55] covering the gaps: one pause [10,60], 50 paused
        PauseTimeline spanning = new PauseTimeline();
        spanning.add(10, 20);
        spanning.add(30, 40);
        spanning.add(50, 60);
        spanning.add(15, 55);
        assertAll(
                () -> assertEquals(1, inside.size()),
                () -> assertEquals(20, inside.runningTime(60)),     // 60 - 40
                () -> assertEquals(10, inside.runningTime(35)),     // inside: frozen at 10
                () -> assertEquals(1, spanning.size()),
                () -> assertEquals(20, spanning.runningTime(70)),   // 70 - 50
                () -> assertEquals(10, spanning.runningTime(45)));  // inside [10,60]: frozen at 10
    }

    @Test
    void emptyAndBackwardPausesAreIgnored() {
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(30, 30); // zero length
        pauses.add(40, 35); // ends before it starts
        assertEquals(0, pauses.size());
        assertEquals(50, pauses.runningTime(50)); // 50 - 0
    }

    @Test
    void aPauseAddedAfterAQueryCounts() {
        PauseTimeline pauses = new PauseTimeline();
        assertEquals(100, pauses.runningTime(100)); // no pause yet
        pauses.add(10, 20);
        assertEquals(90, pauses.runningTime(100));  // 100 - 10
        pauses.add(60, 65);
        assertEquals(85, pauses.runningTime(100));  // 100 - 10 - 5
    }

    @Test
    void aPauseAddedOrDroppedAfterAQueryChangesTheSameQuestionsAnswer() {
        PauseTimeline pauses = new PauseTimeline();
        assertEquals(true, pauses.noPauseBetween(0, 100));
        pauses.add(10, 20);
        assertEquals(false, pauses.noPauseBetween(0, 100));
        pauses.dropBefore(50);
        assertEquals(true, pauses.noPauseBetween(0, 100));
        pauses.add(30, 40);
        assertEquals(60, pauses.runningTime(70)); // the running-time look-up sees the change first
        assertEquals(false, pauses.noPauseBetween(0, 100));
    }

    @Test
    void droppingOldPausesKeepsLaterDifferences() {
        // [10,20] and [30,40]; only differences of running time are used
        PauseTimeline pauses = new PauseTimeline();
        pauses.add(10, 20);
        pauses.add(30, 40);
        long before = pauses.runningTime(50) - pauses.runningTime(25); // (50 - 20) - (25 - 10) = 30 - 15 = 15
        assertEquals(15, before);
        pauses.dropBefore(20);  // [10,20] ends at 20, not before 20: kept
        assertEquals(2, pauses.size());
        pauses.dropBefore(25);  // [10,20] ended before 25: dropped; [30,40] kept
        assertAll(
                () -> assertEquals(1, pauses.size()),
                () -> assertEquals(40, pauses.runningTime(50)),     // 50 - 10 (only [30,40] remembered)
                () -> assertEquals(25, pauses.runningTime(25)),     // no remembered pause before 25
                // the difference over the kept pause is unchanged: 40 - 25 = 15
                () -> assertEquals(15, pauses.runningTime(50) - pauses.runningTime(25)));
        pauses.dropBefore(41);  // [30,40] ended before 41
        assertEquals(0, pauses.size());
        assertEquals(50, pauses.runningTime(50)); // wall clock again
    }
}

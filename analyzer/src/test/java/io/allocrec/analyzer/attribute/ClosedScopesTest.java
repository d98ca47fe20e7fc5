package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link ClosedScopes}: what a settling scope learns of its children, with expected values worked out by hand. */
class ClosedScopesTest {

    @Test
    void childrenFoldedIntoBlocksStillAddUpExactlyWhenWhollyInside() {
        // a parent starting at 0 settles after 2.5 * MAX_UNCLAIMED children started at 1, 2, ..., n:
        // child i has 10 bytes, weight 1, low 2, high 20. Folding keeps the sums: all blocks lie inside.
        int n = ClosedScopes.MAX_UNCLAIMED * 5 / 2;
        ClosedScopes closed = new ClosedScopes();
        for (int i = 1; i <= n; i++) {
            closed.add(i, 10, 1, 2, 20);
        }
        ClosedScopes.Children children = closed.takeStartedFrom(0);
        assertAll(
                () -> assertEquals(n, children.count()),
                () -> assertEquals(10.0 * n, children.inclusiveBytes(), 1e-6),
                () -> assertEquals(n, children.inclusiveWeight()),
                () -> assertEquals(2L * n, children.low()),
                () -> assertEquals(20L * n, children.high()));
        assertEquals(0, closed.takeStartedFrom(0).count()); // taken once
    }

    @Test
    void aScopeStartingInsideAFoldedBlockKeepsTrueBounds() {
        // children at 1..n as above; a scope starting at n/4 + 1 (inside the first folded block, which holds
        // starts 1..MAX/2) truly contains the 3n/4 children from n/4 + 1. Its low counts only children surely
        // inside (a straddling block gives none), its high every possible one (the whole block too).
        int n = ClosedScopes.MAX_UNCLAIMED;
        ClosedScopes closed = new ClosedScopes();
        for (int i = 1; i <= n + 1; i++) { // the last add folds the oldest half: starts 1 .. n/2
            closed.add(i, 10, 1, 2, 20);
        }
        int from = n / 4 + 1;
        ClosedScopes.Children children = closed.takeStartedFrom(from);
        long trulyInside = n + 1 - from + 1;
        long keptOneByOne = n + 1 - n / 2; // starts n/2 + 1 .. n + 1
        assertAll(
                () -> assertEquals(2 * keptOneByOne, children.low()),           // <= 2 * trulyInside
                () -> assertEquals(20L * (keptOneByOne + n / 2), children.high()), // >= 20 * trulyInside
                () -> assertEquals(10.0 * trulyInside, children.inclusiveBytes(), 10.0)); // the block's share by span
    }
}

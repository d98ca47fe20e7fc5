package io.allocrec.live;

import java.util.Comparator;

/** The orders {@code top} can sort its rows in, the largest first. */
enum TopSort {
    BYTES(Comparator.comparingDouble(ScopeRate::bytesPerSecond)),
    CALLS(Comparator.comparingLong(ScopeRate::calls)),
    MEAN(Comparator.comparingLong(ScopeRate::meanBytesPerCall)),
    P99(Comparator.comparingLong(ScopeRate::exactP99));

    private final Comparator<ScopeRate> largestFirst;

    TopSort(Comparator<ScopeRate> ascending) {
        this.largestFirst = ascending.reversed().thenComparing(ScopeRate::name);
    }

    Comparator<ScopeRate> order() {
        return largestFirst;
    }
}

package io.allocrec.analyzer.attribute;

/**
 * How many scope boundaries (two per scope) the estimator may hold at once, over all threads (20
 * bytes each on average: 24 a start, 16 an end), so that memory does not grow with a chunk of
 * millions of short scopes. A thread that cannot get one leaves its current part out of the
 * estimate. One per analysis, used from one thread.
 */
final class BoundaryBudget {

    /** 1,048,576 boundaries at once: 20 MB, 30 MB with the slack of growing arrays. */
    static final long DEFAULT_LIMIT = 1L << 20;

    private final long limit;
    private long held;

    BoundaryBudget(long limit) {
        this.limit = limit;
    }

    /** Takes room for {@code count} boundaries; false, taking nothing, when there is not enough. */
    boolean take(int count) {
        if (held + count > limit) {
            return false;
        }
        held += count;
        return true;
    }

    void giveBack(int count) {
        held -= count;
    }

    long held() {
        return held;
    }
}

package io.allocrec.analyzer.attribute;

/**
 * How many scope boundaries (two per scope) the interval estimator may take: at once, over all
 * threads (32 bytes each), so that memory does not grow with a chunk of millions of short scopes;
 * and in all, because each costs time and the estimator needs thousands of intervals, not
 * millions of scopes. A thread that cannot get one leaves its current part out of the estimate.
 * One per analysis, used from one thread.
 */
final class BoundaryBudget {

    /** 1,048,576 boundaries at once: 32 MB, 48 MB with the slack of growing arrays. */
    static final long DEFAULT_LIMIT = 1L << 20;
    /** 500,000 boundaries in all: 250,000 scopes, about half a second of the estimator's time. */
    static final long DEFAULT_TOTAL = 500_000;

    private final long limit;
    private final long total;
    private long held;
    private long taken;

    BoundaryBudget(long limit) {
        this(limit, Long.MAX_VALUE);
    }

    BoundaryBudget(long limit, long total) {
        this.limit = limit;
        this.total = total;
    }

    /** Takes room for {@code count} boundaries; false, taking nothing, when there is not enough. */
    boolean take(int count) {
        if (held + count > limit || taken + count > total) {
            return false;
        }
        held += count;
        taken += count;
        return true;
    }

    void giveBack(int count) {
        held -= count;
    }

    long held() {
        return held;
    }
}

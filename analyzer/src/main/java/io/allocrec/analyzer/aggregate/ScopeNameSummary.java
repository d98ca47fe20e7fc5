package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.IntervalEstimator;


/**
 * All the scopes with one name (an endpoint, a job, a method) taken together.
 *
 * <p>Exact figures come from the scopes' {@code allocatedBytes} (inclusive of nested scopes) and
 * cover only the calls that have one ({@link #exactCalls}). Sampled figures exclude nested scopes
 * (a sample goes to the innermost scope).
 *
 * @param nameId        the name's id, for the per-name class and stack tables
 * @param name          the scopes' name
 * @param calls         how many scopes had it
 * @param exactCalls    how many of them have an exact allocated figure (a virtual thread's have none)
 * @param exactTotal    exact allocated bytes over those calls
 * @param exactMean     per call
 * @param exactP50      per call, median, within 0.1% (from a histogram of three significant digits)
 * @param exactP99      per call, 99th percentile, likewise
 * @param sampledBytes  estimated from the samples, nested scopes excluded: the interval estimator's
 *                      bytes per call times the calls ({@link IntervalEstimator}); where it has too few
 *                      intervals, the summed weights of the samples that landed in these scopes
 * @param sampledLow    the low end of the estimate's interval (about 95%, see the README); -1 without one
 * @param sampledHigh   the high end; -1 without one
 * @param sampleWeight  the summed weights of the samples whose innermost scope had this name (the
 *                      classic estimator: biased where samples land, off by 2x on ProvenBoundsTest's mix)
 * @param sampledInclusiveOfExactCalls sampled weights including nested scopes, over the exact calls only
 * @param samples       samples counted in these scopes
 * @param hasNested     whether other scopes ran inside some of these (their exact figure includes those)
 * @param exactStdDev   sample standard deviation of the exact figures per call; NaN below two exact calls
 */
public record ScopeNameSummary(int nameId, String name, long calls, long exactCalls, long exactTotal, double exactMean,
                               long exactP50, long exactP99, long sampledBytes, long sampledLow, long sampledHigh,
                               long sampleWeight, long sampledInclusiveOfExactCalls, long samples, boolean hasNested,
                               double exactStdDev) {

    /** @param estimate the interval estimator's figure for the name, or null */
    static ScopeNameSummary of(String name, NameStats stats, IntervalEstimator.Estimate estimate) {
        boolean exact = stats.exactCalls > 0;
        boolean estimated = estimate != null && estimate.calls() > 0 && Double.isFinite(estimate.bytesPerCall())
                && Double.isFinite(estimate.high()) && informative(estimate);
        return new ScopeNameSummary(stats.nameId, name, stats.calls, stats.exactCalls, stats.exactTotal,
                exact ? stats.exactTotal / (double) stats.exactCalls : Double.NaN,
                exact ? stats.exact.getValueAtPercentile(50) : -1,
                exact ? stats.exact.getValueAtPercentile(99) : -1,
                estimated ? Math.round(estimate.bytesPerCall() * stats.calls) : stats.sampleWeight,
                estimated ? Math.round(estimate.low() * stats.calls) : -1,
                estimated ? Math.round(estimate.high() * stats.calls) : -1,
                stats.sampleWeight, stats.sampleWeightOfExactCalls, stats.samples, stats.callsIncludingNested > 0,
                stats.exactStdDev());
    }

    /**
     * Whether the estimator could tell this name apart: a positive estimate whose interval is
     * narrower than the estimate itself either side. Names that always run beside the same others
     * (every request calls A then B) give the samples no way to split their bytes; the estimate is
     * then noise in a huge interval, and the landed weight (with no interval) says more.
     */
    private static boolean informative(IntervalEstimator.Estimate estimate) {
        return estimate.bytesPerCall() > 0 && (estimate.high() - estimate.low()) / 2 <= estimate.bytesPerCall();
    }

    public boolean hasInterval() {
        return sampledLow >= 0 && sampledHigh >= 0;
    }

    /** Sampled / exact over the calls that have both: how much of the allocation the samples saw. */
    public double coverage() {
        return exactTotal > 0 ? sampledInclusiveOfExactCalls / (double) exactTotal : Double.NaN;
    }

    /** Mean bytes per call: exact where every call has an exact figure, otherwise sampled. */
    public double meanPerCall() {
        return meanIsExact() ? exactMean : sampledBytes / (double) calls;
    }

    public boolean meanIsExact() {
        return exactCalls == calls && calls > 0;
    }
}

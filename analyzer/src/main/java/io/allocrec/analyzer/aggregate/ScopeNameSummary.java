package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.SampledEstimate;

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
 * @param sampledBytes  estimated from the samples, nested scopes excluded: the estimator's figure
 *                      where it fitted the name, otherwise the landed weight brought inside the proven
 *                      interval; always inside the interval
 * @param sampledLow    the low end of the interval, always there
 * @param sampledHigh   the high end; -1 only for a proven interval with no upper end (a scope after its
 *                      thread's last sample)
 * @param intervalProven whether the interval is the proven one (the scopes' proven bounds summed: it
 *                      always holds) rather than the estimator's 95% interval
 * @param sampleWeight  the summed weights of the samples whose innermost scope had this name (the
 *                      landed weight: what the flame graph and the pprof profile add up)
 * @param sampledInclusiveOfExactCalls sampled weights including nested scopes, over the exact calls only
 * @param samples       samples counted in these scopes
 * @param hasNested     whether other scopes ran inside some of these (their exact figure includes those)
 * @param exactStdDev   sample standard deviation of the exact figures per call; NaN below two exact calls
 */
public record ScopeNameSummary(int nameId, String name, long calls, long exactCalls, long exactTotal, double exactMean,
                               long exactP50, long exactP99, long sampledBytes, long sampledLow, long sampledHigh,
                               boolean intervalProven, long sampleWeight, long sampledInclusiveOfExactCalls,
                               long samples, boolean hasNested, double exactStdDev) {

    /** @param estimate the estimator's figure for the name, or null where it did not fit one */
    static ScopeNameSummary of(String name, NameStats stats, SampledEstimate estimate) {
        boolean exact = stats.exactCalls > 0;
        SampledInterval interval = SampledInterval.of(stats, estimate);
        return new ScopeNameSummary(stats.nameId, name, stats.calls, stats.exactCalls, stats.exactTotal,
                exact ? stats.exactTotal / (double) stats.exactCalls : Double.NaN,
                exact ? stats.exact.getValueAtPercentile(50) : -1,
                exact ? stats.exact.getValueAtPercentile(99) : -1,
                interval.bytes(), interval.low(), interval.high(), interval.proven(),
                stats.sampleWeight, stats.sampleWeightOfExactCalls, stats.samples, stats.callsIncludingNested > 0,
                stats.exactStdDev());
    }

    /** Always true: every sampled figure has an interval, estimated or proven. */
    public boolean hasInterval() {
        return sampledLow >= 0;
    }

    /** Whether the interval has an upper end (a proven one may not). */
    public boolean hasHigh() {
        return sampledHigh >= 0;
    }

    /** "estimate" for the estimator's 95% interval, "proven" for the summed proven bounds. */
    public String intervalKind() {
        return intervalProven ? "proven" : "estimate";
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

package io.allocrec.analyzer.aggregate;

/**
 * One scope name compared between a base and a new set of recordings: bytes per call on each
 * side, the relative change in the mean with its 99% interval, and a verdict.
 *
 * @param scope      the scope name
 * @param exact      whether both means are exact (every call has an exact figure); otherwise they
 *                   are sampled estimates and the interval comes from theirs
 * @param baseCalls  calls on the base side (0: the name is new)
 * @param newCalls   calls on the new side (0: the name is gone)
 * @param baseMean   bytes per call, base; NaN without calls
 * @param newMean    bytes per call, new
 * @param baseP50    exact median bytes per call, base; -1 when not exact
 * @param newP50     likewise, new
 * @param baseP99    exact 99th percentile, base; -1 when not exact
 * @param newP99     likewise, new
 * @param change     newMean / baseMean - 1 (0.05 is 5% more); NaN when a side has no calls
 * @param changeLow  the low end of its 99% interval
 * @param changeHigh the high end
 * @param verdict    regressed when the whole interval lies above +threshold, improved when below
 *                   -threshold, otherwise unchanged; added or removed for names on one side only
 */
public record ScopeDiff(String scope, boolean exact, long baseCalls, long newCalls, double baseMean, double newMean,
                        long baseP50, long newP50, long baseP99, long newP99, double change, double changeLow,
                        double changeHigh, Verdict verdict) {

    /** What the comparison concludes for one name. */
    public enum Verdict { regressed, improved, unchanged, added, removed }
}

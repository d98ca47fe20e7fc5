package io.allocrec.analyzer.attribute;

/**
 * The estimator's figure for one scope name: bytes per call, nested scopes excluded, with a 95%
 * interval. Per call because the estimator may read only part of a recording; the report
 * multiplies by all the calls.
 *
 * @param nameId the scope name's id
 * @param perCall estimated bytes per call
 * @param low     low end of the 95% interval, per call
 * @param high    high end of the 95% interval, per call
 */
public record SampledEstimate(int nameId, double perCall, double low, double high) {

    /** Whether every figure is a number and the interval is not upside down. */
    public boolean isUsable() {
        return Double.isFinite(perCall) && Double.isFinite(low) && Double.isFinite(high) && low <= high;
    }
}

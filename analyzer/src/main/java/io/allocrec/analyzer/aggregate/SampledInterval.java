package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.SampledEstimate;

/**
 * A name's sampled figure and its interval. The proven interval (every scope's proven bounds,
 * summed) always holds; the estimator's 95% interval is narrower where it fitted. Where both
 * exist the figure is their intersection: truth lies in the proven one, so cutting the
 * estimator's interval to it loses no coverage. Where the estimator has no figure, or one that
 * the proven bounds contradict, the proven interval stands alone, and the figure is the landed
 * weight brought inside it (a tiny name's landed weight can be several times its bytes).
 *
 * @param bytes  the figure, always inside the interval
 * @param low    the low end
 * @param high   the high end; -1 when the proven interval has no upper end (a scope after its
 *               thread's last sample)
 * @param proven whether this is the proven interval
 */
record SampledInterval(long bytes, long low, long high, boolean proven) {

    static SampledInterval of(NameStats stats, SampledEstimate estimate) {
        long provenLow = stats.provenLow;
        long provenHigh = stats.callsWithoutHigh > 0 ? -1 : stats.provenHigh;
        double ceiling = provenHigh < 0 ? Double.POSITIVE_INFINITY : provenHigh;
        if (estimate != null && estimate.isUsable()) {
            double low = Math.max(provenLow, estimate.low() * stats.calls);
            double high = Math.min(ceiling, estimate.high() * stats.calls);
            if (low <= high) {
                double figure = clamp(estimate.perCall() * stats.calls, low, high);
                return new SampledInterval(Math.round(figure), Math.round(low), Math.round(high), false);
            }
        }
        long figure = Math.round(clamp(stats.sampleWeight, provenLow, ceiling));
        return new SampledInterval(figure, provenLow, provenHigh, true);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}

package io.allocrec.live;

/**
 * One scope name's figures over a window of whole seconds: its calls, their exact bytes where
 * the events carry them, and the allocation samples its calls claimed.
 *
 * @param name          the scope name, as the application wrote it (not yet made printable)
 * @param seconds       the window's length
 * @param calls         calls that ended in the window
 * @param exactCalls    of those, the ones with an exact figure
 * @param exactBytes    their exact bytes, summed
 * @param exactP99      99th percentile of exact bytes per call (within 0.1%), or -1 with no exact call
 * @param sampledWeight the weight of the JFR allocation samples the calls claimed
 * @param samples       how many samples that is
 */
record ScopeRate(String name, long seconds, long calls, long exactCalls, long exactBytes, long exactP99,
                 long sampledWeight, long samples) {

    /** Every call carries its exact bytes: the row's figures are exact. */
    boolean isExact() {
        return calls > 0 && exactCalls == calls;
    }

    double callsPerSecond() {
        return calls / (double) seconds;
    }

    /** Bytes per second: exact where every call has its figure, else the samples' weight (an estimate). */
    double bytesPerSecond() {
        return (isExact() ? exactBytes : sampledWeight) / (double) seconds;
    }

    /** Mean bytes per call: exact (rounded to the byte), or the sampled weight per call. */
    long meanBytesPerCall() {
        if (calls == 0) {
            return 0;
        }
        return isExact() ? Math.round(exactBytes / (double) exactCalls) : Math.round(sampledWeight / (double) calls);
    }

    /**
     * How far a sampled figure may be from the truth: the half-width of a 95% interval, relative,
     * for a count of samples that is Poisson (1.96 / sqrt(n)); infinite with no sample.
     */
    double sampledRelativeHalfWidth() {
        return samples == 0 ? Double.POSITIVE_INFINITY : 1.96 / Math.sqrt(samples);
    }
}

package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.FinishedScope;
import org.HdrHistogram.Histogram;

/**
 * Everything the report says about one scope name, accumulated scope by scope in flat memory:
 * counts and sums, and the exact figures' distribution in a histogram that keeps three
 * significant digits (a percentile read from it is within 0.1% of the exact one).
 */
final class NameStats {

    final int nameId;
    long calls;
    long exactCalls;
    long exactTotal;
    final Histogram exact = new Histogram(3);
    /** Running mean and sum of squared deviations of the exact figures (Welford: no cancellation). */
    double exactMean;
    double exactSquaredDeviations;
    /** Summed weights of the samples whose innermost scope had this name (the classic estimator). */
    long sampleWeight;
    long samples;
    /** Summed interpolated estimates, nested scopes excluded. */
    long interpolated;
    /** Over the calls with an exact figure: their samples' weights, nested included, for coverage. */
    long sampleWeightOfExactCalls;
    long provenLow;
    long provenHigh;
    long callsWithoutHigh;
    long callsIncludingNested;

    NameStats(int nameId) {
        this.nameId = nameId;
    }

    /** One call's figures, each as {@link FinishedScope} names it. */
    void add(long allocatedBytes, long sampleWeightInclusive, long sampledBytes, long sampledLow, long sampledHigh,
             boolean includesNested) {
        calls++;
        if (allocatedBytes >= 0) {
            exactCalls++;
            exactTotal += allocatedBytes;
            exact.recordValue(allocatedBytes);
            double delta = allocatedBytes - exactMean;
            exactMean += delta / exactCalls;
            exactSquaredDeviations += delta * (allocatedBytes - exactMean);
            sampleWeightOfExactCalls += sampleWeightInclusive;
        }
        interpolated += sampledBytes;
        provenLow += sampledLow;
        if (sampledHigh < 0) {
            callsWithoutHigh++;
        } else {
            provenHigh += sampledHigh;
        }
        if (includesNested) {
            callsIncludingNested++;
        }
    }

    /** The sample standard deviation of the exact figures; NaN below two calls. */
    double exactStdDev() {
        return exactCalls < 2 ? Double.NaN : Math.sqrt(exactSquaredDeviations / (exactCalls - 1));
    }

    void addSample(long weight) {
        sampleWeight += weight;
        samples++;
    }
}

package io.allocrec.analyzer.load;

/**
 * Builds {@link ThreadSamples} by hand for unit tests in other packages ({@code ThreadSamples.add}
 * is package-private). Lives in the test tree, so main code needs no test-only factory.
 */
public final class TestSamples {

    private TestSamples() {
    }

    /** Samples from (time, weight) pairs, kept in the given order, all with allocation key 0. */
    public static ThreadSamples of(long... timeWeightPairs) {
        if (timeWeightPairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of (time, weight) expected");
        }
        ThreadSamples samples = new ThreadSamples();
        for (int i = 0; i < timeWeightPairs.length; i += 2) {
            samples.add(timeWeightPairs[i], timeWeightPairs[i + 1], 0);
        }
        return samples;
    }
}

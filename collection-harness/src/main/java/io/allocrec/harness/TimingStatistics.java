package io.allocrec.harness;

/**
 * What the measured iterations of one timing say, in nanoseconds per element: their mean, the
 * half-width of its 99.9% confidence interval (Student's t over the iterations, as JMH computes
 * its "Error"), their standard deviation, minimum and maximum.
 *
 * @param mean      mean over the iterations
 * @param error     half-width of the 99.9% confidence interval of the mean
 * @param stdDev    sample standard deviation of the iterations
 * @param min       fastest iteration
 * @param max       slowest iteration
 * @param count     how many iterations
 */
record TimingStatistics(double mean, double error, double stdDev, double min, double max, int count) {

    /** The confidence level of {@link #error}: JMH's. */
    static final double CONFIDENCE = 0.999;

    static TimingStatistics of(double[] perIteration) {
        int n = perIteration.length;
        if (n < 2) {
            throw new IllegalArgumentException("a spread needs two iterations or more: " + n);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : perIteration) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : perIteration) {
            squares += (x - mean) * (x - mean);
        }
        double stdDev = Math.sqrt(squares / (n - 1));
        double error = StudentT.quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * stdDev / Math.sqrt(n);
        return new TimingStatistics(mean, error, stdDev, min, max, n);
    }
}

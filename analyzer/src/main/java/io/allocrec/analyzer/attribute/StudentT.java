package io.allocrec.analyzer.attribute;

/**
 * Quantiles of Student's t distribution for the two intervals the analyzer states: 95% (the
 * sampled estimates) and 99% (the diff). Tables for few degrees of freedom, then the Cornish-Fisher
 * expansion around the normal quantile (within 0.001 of the tables from 5 degrees of freedom on).
 */
public final class StudentT {

    /** t(0.975) for 1 to 4 degrees of freedom. */
    private static final double[] TABLE_975 = {12.706, 4.303, 3.182, 2.776};
    /** t(0.995) for 1 to 30 degrees of freedom. */
    private static final double[] TABLE_995 = {
        63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169,
        3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845,
        2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750};
    private static final double Z_975 = 1.959963984540054;
    private static final double Z_995 = 2.5758293035489;

    private StudentT() {
    }

    /** The 97.5th percentile: the factor of a two-sided 95% interval. */
    public static double quantile975(int df) {
        return df <= TABLE_975.length ? TABLE_975[Math.max(1, df) - 1] : expansion(Z_975, df);
    }

    /**
     * The 99.5th percentile: the factor of a two-sided 99% interval. {@code df} need not be whole
     * (Welch's); below 30 it is rounded down, which widens.
     */
    public static double quantile995(double df) {
        if (!(df >= 1)) {
            return TABLE_995[0];
        }
        return df <= TABLE_995.length ? TABLE_995[(int) Math.floor(df) - 1] : expansion(Z_995, df);
    }

    private static double expansion(double z, double v) {
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        double z9 = z7 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * v * v * v)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160.0 * v * v * v * v);
    }
}

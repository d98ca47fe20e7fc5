package io.allocrec.analyzer.aggregate;

/** Student's t distribution's 99.5th percentile: the factor of a two-sided 99% interval. */
final class StudentT {

    /** t(0.995) for 1 to 30 degrees of freedom, from the standard tables. */
    private static final double[] TABLE = {
        63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169,
        3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845,
        2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750};
    private static final double Z = 2.5758293035489;

    private StudentT() {
    }

    /** For {@code df} degrees of freedom (not necessarily whole: Welch's); rounded down below 30, which widens. */
    static double quantile995(double df) {
        if (!(df >= 1)) {
            return TABLE[0];
        }
        if (df <= 30) {
            return TABLE[(int) Math.floor(df) - 1];
        }
        // Cornish-Fisher expansion around the normal quantile: within 0.001 of the tables from 30 on.
        double z3 = Z * Z * Z;
        double z5 = z3 * Z * Z;
        return Z + (z3 + Z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * Z) / (96 * df * df);
    }
}

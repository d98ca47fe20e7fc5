package io.allocrec.harness;

/**
 * Quantiles of Student's t distribution, for confidence intervals over a few timed iterations
 * (JMH's "Error" is the half-width of such an interval at 99.9%). The distribution function is
 * the regularized incomplete beta function, evaluated by its continued fraction (Lentz's method),
 * and inverted by bisection.
 */
final class StudentT {

    private StudentT() {
    }

    /**
     * The value that a t-distributed variable with {@code degreesOfFreedom} stays below with
     * probability {@code p}.
     *
     * @param p                between 0.5 and 1, exclusive
     * @param degreesOfFreedom at least 1
     */
    static double quantile(double p, int degreesOfFreedom) {
        if (!(p > 0.5 && p < 1) || degreesOfFreedom < 1) {
            throw new IllegalArgumentException("p=" + p + ", df=" + degreesOfFreedom);
        }
        double low = 0;
        double high = 1;
        while (cdf(high, degreesOfFreedom) < p) {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
            double middle = (low + high) / 2;
            if (cdf(middle, degreesOfFreedom) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** P(T &lt;= t) for t &gt;= 0. */
    static double cdf(double t, int degreesOfFreedom) {
        double v = degreesOfFreedom;
        double tail = 0.5 * regularizedBeta(v / (v + t * t), v / 2, 0.5);
        return 1 - tail;
    }

    /** I_x(a, b), Numerical Recipes' betai. */
    private static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double value, double tiny) {
        return Math.abs(value) < tiny ? tiny : value;
    }

    /** Lanczos approximation (g=7, 9 terms), accurate to about 15 digits for x &gt; 0. */
    private static double logGamma(double x) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}

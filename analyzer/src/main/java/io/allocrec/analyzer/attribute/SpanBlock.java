package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * What one time block of spans adds to the estimate: the fit's sums, and per column the calls
 * and the weights of the samples that landed in its scopes.
 */
final class SpanBlock {

    final NormalEquations equations;
    private double[] calls;
    private double[] landed;
    private double[] landings;

    SpanBlock() {
        this(new NormalEquations(), new double[0], new double[0], new double[0]);
    }

    private SpanBlock(NormalEquations equations, double[] calls, double[] landed, double[] landings) {
        this.equations = equations;
        this.calls = calls;
        this.landed = landed;
        this.landings = landings;
    }

    void addSpan(int[] columns, double[] values, int count, double weight) {
        equations.add(columns, values, count, weight);
        for (int i = 0; i < count; i++) {
            ensure(columns[i] + 1);
            calls[columns[i]] += values[i];
        }
    }

    void addLanding(int column, double weight) {
        ensure(column + 1);
        landed[column] += weight;
        landings[column]++;
    }

    double landings(int column) {
        return column < landings.length ? landings[column] : 0;
    }

    double calls(int column) {
        return column < calls.length ? calls[column] : 0;
    }

    double landed(int column) {
        return column < landed.length ? landed[column] : 0;
    }

    /** This plus {@code sign} times {@code other}. */
    SpanBlock plus(SpanBlock other, int sign) {
        int width = Math.max(calls.length, other.calls.length);
        double[] sumCalls = Arrays.copyOf(calls, width);
        return new SpanBlock(equations.plus(other.equations, sign), sum(calls, other.calls, sign),
                sum(landed, other.landed, sign), sum(landings, other.landings, sign));
    }

    private static double[] sum(double[] mine, double[] theirs, int sign) {
        double[] sum = Arrays.copyOf(mine, Math.max(mine.length, theirs.length));
        for (int i = 0; i < theirs.length; i++) {
            sum[i] += sign * theirs[i];
        }
        return sum;
    }

    private void ensure(int width) {
        if (calls.length < width) {
            calls = Arrays.copyOf(calls, Math.max(width, 2 * calls.length));
        }
        if (landed.length < width) {
            landed = Arrays.copyOf(landed, Math.max(width, 2 * landed.length));
            landings = Arrays.copyOf(landings, landed.length);
        }
    }
}

package io.allocrec.analyzer.attribute;

import java.util.Arrays;

/**
 * The sums of a least-squares fit, {@code X'X} and {@code X'y}, that grow a column at a time and
 * add and subtract as wholes: one per time block, so that the fit without any one block is the
 * total less that block.
 */
final class NormalEquations {

    private double[][] gram = new double[0][0];
    private double[] moment = new double[0];
    private long rows;

    /** Adds one row: {@code count} columns with their values, and its observed value. */
    void add(int[] columns, double[] values, int count, double observed) {
        for (int i = 0; i < count; i++) {
            ensureColumns(columns[i] + 1);
        }
        for (int i = 0; i < count; i++) {
            double[] gramRow = gram[columns[i]];
            moment[columns[i]] += values[i] * observed;
            for (int j = 0; j < count; j++) {
                gramRow[columns[j]] += values[i] * values[j];
            }
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** This plus {@code sign} times {@code other}. */
    NormalEquations plus(NormalEquations other, int sign) {
        NormalEquations sum = copy();
        sum.ensureColumns(other.moment.length);
        for (int i = 0; i < other.moment.length; i++) {
            sum.moment[i] += sign * other.moment[i];
            for (int j = 0; j < other.moment.length; j++) {
                sum.gram[i][j] += sign * other.gram[i][j];
            }
        }
        sum.rows += sign * other.rows;
        return sum;
    }

    private NormalEquations copy() {
        NormalEquations copy = new NormalEquations();
        copy.ensureColumns(moment.length);
        for (int i = 0; i < moment.length; i++) {
            System.arraycopy(gram[i], 0, copy.gram[i], 0, moment.length);
        }
        System.arraycopy(moment, 0, copy.moment, 0, moment.length);
        copy.rows = rows;
        return copy;
    }

    private void ensureColumns(int columns) {
        if (moment.length >= columns) {
            return;
        }
        int grown = Math.max(columns, 2 * moment.length);
        double[][] larger = new double[grown][grown];
        for (int i = 0; i < moment.length; i++) {
            System.arraycopy(gram[i], 0, larger[i], 0, moment.length);
        }
        gram = larger;
        moment = Arrays.copyOf(moment, grown);
    }

    /**
     * The coefficients over the first {@code columns} columns, by Gaussian elimination with partial
     * pivoting; a column with no data gets NaN (nothing is known of it).
     */
    double[] solve(int columns) {
        ensureColumns(columns);
        int[] active = new int[columns];
        int size = 0;
        for (int i = 0; i < columns; i++) {
            if (gram[i][i] > 0) {
                active[size++] = i;
            }
        }
        double[][] system = new double[size][size + 1];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                system[i][j] = gram[active[i]][active[j]];
            }
            system[i][i] *= 1 + 1e-10; // against exact collinearity
            system[i][size] = moment[active[i]];
        }
        double[] solution = backSubstitute(eliminate(system, size), size);
        double[] coefficients = new double[columns];
        Arrays.fill(coefficients, Double.NaN);
        for (int i = 0; i < size; i++) {
            coefficients[active[i]] = solution[i];
        }
        return coefficients;
    }

    private static double[][] eliminate(double[][] system, int size) {
        for (int column = 0; column < size; column++) {
            int pivot = column;
            for (int row = column + 1; row < size; row++) {
                if (Math.abs(system[row][column]) > Math.abs(system[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swap = system[column];
            system[column] = system[pivot];
            system[pivot] = swap;
            double diagonal = system[column][column];
            if (diagonal == 0) {
                continue;
            }
            for (int row = column + 1; row < size; row++) {
                double factor = system[row][column] / diagonal;
                for (int k = column; k <= size; k++) {
                    system[row][k] -= factor * system[column][k];
                }
            }
        }
        return system;
    }

    private static double[] backSubstitute(double[][] system, int size) {
        double[] solution = new double[size];
        for (int i = size - 1; i >= 0; i--) {
            double value = system[i][size];
            for (int j = i + 1; j < size; j++) {
                value -= system[i][j] * solution[j];
            }
            solution[i] = system[i][i] == 0 ? 0 : value / system[i][i];
        }
        return solution;
    }
}

package io.allocrec.harness;

import java.util.List;
import java.util.TreeSet;

/** The element counts a run measures. */
public final class SizeSweep {

    /** The largest size of the default sweep. */
    public static final int DEFAULT_MAX = 1_000_000;

    /** Points per doubling of the size: enough to show HashMap's stepwise table doubling. */
    private static final int POINTS_PER_DOUBLING = 3;

    /** Above this, two points per doubling: the largest sizes take most of the run's time. */
    private static final int SPARSER_ABOVE = 1 << 17;

    private SizeSweep() {
    }

    /**
     * The default sweep: 1 to 1,000,000 spaced evenly on a log scale, three points for each
     * doubling up to 131,072 and two above (so every table resize of a HashMap falls between
     * two points), plus each power of ten.
     */
    public static List<Integer> defaultSizes() {
        TreeSet<Integer> sizes = new TreeSet<>();
        double dense = Math.pow(2, 1.0 / POINTS_PER_DOUBLING);
        double sparse = Math.sqrt(2);
        for (double size = 1; size < DEFAULT_MAX; size *= size < SPARSER_ABOVE ? dense : sparse) {
            sizes.add((int) Math.round(size));
        }
        for (int power = 1; power <= DEFAULT_MAX; power *= 10) {
            sizes.add(power);
        }
        return List.copyOf(sizes);
    }
}

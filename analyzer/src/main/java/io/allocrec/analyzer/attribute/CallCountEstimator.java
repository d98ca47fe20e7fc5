package io.allocrec.analyzer.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes per call of each scope name, with a 95% interval, from how many calls of each name fell
 * between a thread's allocation samples ({@link SpanTimeline} makes those spans).
 *
 * <p>A span's weight is what its thread allocated in it; its calls are counted per name, a call
 * cut by the span's edge counting the share of its running time inside. The span's weight is then
 * the sum over names of calls times bytes per call, plus an error: a least-squares fit over all
 * spans gives the bytes per call. "Outside every scope" is one more column, measured in seconds
 * outside scopes (counted, the stretches between scopes would be as many as the calls). Counting
 * calls, not time in scopes, keeps the names' figures from depending on when the scheduler ran
 * the thread.
 *
 * <p>The fit's sums are kept per time block (at most {@value #MAX_BLOCKS}; neighbours are added
 * together when there would be more), and the interval is a delete-a-block jackknife over them:
 * the spread of the fits that leave out one block each, times Student's t. Memory grows with the
 * names squared and the blocks, not with the spans.
 */
public final class CallCountEstimator {

    /** The name id of "outside every scope". */
    public static final int OUTSIDE = -1;
    static final int MAX_BLOCKS = 64;
    /** Below this many blocks the jackknife says too little: no estimate. */
    static final int MIN_BLOCKS = 8;
    /** Spans per column below which the fit is not trusted. */
    static final int MIN_SPANS_PER_NAME = 10;
    /** Names past this many share nothing of the fit: their interval is the proven one. */
    static final int MAX_COLUMNS = 256;

    private long blockNanos = 250_000_000L;
    private final TreeMap<Long, NormalEquations> blocks = new TreeMap<>();
    private final Map<Integer, Integer> columnOfName = new HashMap<>();
    private final List<Integer> nameOfColumn = new ArrayList<>();
    private int[] columns = new int[8];
    private double[] calls = new double[8];
    private long spans;

    /**
     * Adds one span of one thread.
     *
     * @param endNanos when its last sample was taken (chooses its time block)
     * @param weight   bytes the thread allocated in it
     * @param nameIds  the names with calls in it, and {@link #OUTSIDE}
     * @param callCounts their calls in it, a cut call counting its share; for {@link #OUTSIDE}, seconds
     * @param count    how many of {@code nameIds} to take
     */
    public void addSpan(long endNanos, long weight, int[] nameIds, double[] callCounts, int count) {
        if (columns.length < count) {
            columns = new int[count];
            calls = new double[count];
        }
        int used = 0;
        for (int i = 0; i < count; i++) {
            Integer column = columnOf(nameIds[i]);
            if (column != null && callCounts[i] > 0) {
                columns[used] = column;
                calls[used] = callCounts[i];
                used++;
            }
        }
        block(endNanos).add(columns, calls, used, weight);
        spans++;
    }

    public long spans() {
        return spans;
    }

    private Integer columnOf(int nameId) {
        Integer column = columnOfName.get(nameId);
        if (column == null && nameOfColumn.size() < MAX_COLUMNS) {
            column = nameOfColumn.size();
            columnOfName.put(nameId, column);
            nameOfColumn.add(nameId);
        }
        return column;
    }

    private NormalEquations block(long endNanos) {
        long key = Math.floorDiv(endNanos, blockNanos);
        NormalEquations block = blocks.get(key);
        if (block != null) {
            return block;
        }
        block = new NormalEquations();
        blocks.put(key, block);
        if (blocks.size() > MAX_BLOCKS) {
            coarsen();
            return block(endNanos);
        }
        return block;
    }

    /** Doubles the block length, adding neighbouring blocks together. */
    private void coarsen() {
        blockNanos *= 2;
        TreeMap<Long, NormalEquations> merged = new TreeMap<>();
        blocks.forEach((key, block) -> merged.merge(Math.floorDiv(key, 2), block, (a, b) -> a.plus(b, 1)));
        blocks.clear();
        blocks.putAll(merged);
    }

    /**
     * Bytes per call with a 95% interval, per name id (not {@link #OUTSIDE}); empty when the spans are
     * too few or too short in time for the jackknife.
     */
    public Map<Integer, SampledEstimate> estimates() {
        int width = nameOfColumn.size();
        Map<Integer, SampledEstimate> estimates = new HashMap<>();
        if (blocks.size() < MIN_BLOCKS || spans < (long) MIN_SPANS_PER_NAME * width) {
            return estimates;
        }
        NormalEquations total = new NormalEquations();
        for (NormalEquations block : blocks.values()) {
            total = total.plus(block, 1);
        }
        double[] fit = total.solve(width);
        double[][] leftOut = new double[blocks.size()][];
        int b = 0;
        for (NormalEquations block : blocks.values()) {
            leftOut[b++] = total.plus(block, -1).solve(width);
        }
        double t = StudentT.quantile975(blocks.size() - 1);
        for (int column = 0; column < width; column++) {
            int nameId = nameOfColumn.get(column);
            double halfWidth = t * jackknifeError(leftOut, column);
            if (nameId != OUTSIDE && Double.isFinite(fit[column]) && Double.isFinite(halfWidth)) {
                estimates.put(nameId, new SampledEstimate(nameId, Math.max(0, fit[column]),
                        Math.max(0, fit[column] - halfWidth), Math.max(0, fit[column] + halfWidth)));
            }
        }
        return estimates;
    }

    /** The delete-a-block jackknife's standard error of one coefficient; NaN if a fit lacked it. */
    private static double jackknifeError(double[][] leftOut, int column) {
        double[] values = Arrays.stream(leftOut).mapToDouble(fit -> fit[column]).toArray();
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double squares = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();
        int blocks = values.length;
        return Math.sqrt((blocks - 1.0) / blocks * squares);
    }
}

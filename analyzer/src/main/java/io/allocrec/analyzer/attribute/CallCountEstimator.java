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
    /** Calls per landed sample from which a name's calls count as small beside the sample spacing. */
    static final int CALLS_PER_LANDING = 32;
    /** Names past this many share nothing of the fit: their interval is the proven one. */
    static final int MAX_COLUMNS = 256;

    private long blockNanos = 250_000_000L;
    private final TreeMap<Long, SpanBlock> blocks = new TreeMap<>();
    /** Each name's column plus one, by name id plus one ({@link #OUTSIDE} first); 0 for none yet. */
    private int[] columnOfName = new int[64];
    private final List<Integer> nameOfColumn = new ArrayList<>();
    private int[] columns = new int[8];
    private double[] calls = new double[8];
    private long spans;
    /** The block found last: a thread's samples come in time order, mostly into the same block. */
    private long lastBlockKey = Long.MIN_VALUE;
    private SpanBlock lastBlock;

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
            int column = columnOf(nameIds[i]);
            if (column >= 0 && callCounts[i] > 0) {
                columns[used] = column;
                calls[used] = callCounts[i];
                used++;
            }
        }
        block(endNanos).addSpan(columns, calls, used, weight);
        spans++;
    }

    public long spans() {
        return spans;
    }

    /** The name's column; -1 past {@link #MAX_COLUMNS}. */
    private int columnOf(int nameId) {
        int slot = nameId + 1;
        if (slot >= columnOfName.length) {
            columnOfName = Arrays.copyOf(columnOfName, Math.max(slot + 1, columnOfName.length * 2));
        }
        if (columnOfName[slot] == 0 && nameOfColumn.size() < MAX_COLUMNS) {
            nameOfColumn.add(nameId);
            columnOfName[slot] = nameOfColumn.size();
        }
        return columnOfName[slot] - 1;
    }

    /**
     * Adds a sample (not a thread's first) and where it landed: the innermost open scope's name, or
     * {@link #OUTSIDE}.
     */
    public void addLanding(long timeNanos, int nameId, long weight) {
        int column = columnOf(nameId);
        if (column >= 0) {
            block(timeNanos).addLanding(column, weight);
        }
    }

    private SpanBlock block(long endNanos) {
        long key = Math.floorDiv(endNanos, blockNanos);
        if (key == lastBlockKey) {
            return lastBlock;
        }
        SpanBlock block = blocks.get(key);
        if (block == null) {
            block = new SpanBlock();
            blocks.put(key, block);
            if (blocks.size() > MAX_BLOCKS) {
                coarsen();
                return block(endNanos);
            }
        }
        lastBlockKey = key;
        lastBlock = block;
        return block;
    }

    /** Doubles the block length, adding neighbouring blocks together. */
    private void coarsen() {
        blockNanos *= 2;
        lastBlockKey = Long.MIN_VALUE; // the blocks are made anew
        TreeMap<Long, SpanBlock> merged = new TreeMap<>();
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
        SpanBlock total = new SpanBlock();
        for (SpanBlock block : blocks.values()) {
            total = total.plus(block, 1);
        }
        double[] fit = total.equations.solve(width);
        double[] landed = landedPerCall(total, width);
        double[][] fitLeftOut = new double[blocks.size()][];
        double[][] landedLeftOut = new double[blocks.size()][];
        int b = 0;
        for (SpanBlock block : blocks.values()) {
            SpanBlock rest = total.plus(block, -1);
            fitLeftOut[b] = rest.equations.solve(width);
            landedLeftOut[b++] = landedPerCall(rest, width);
        }
        double t = StudentT.quantile975(blocks.size() - 1);
        SampledEstimate[] counted = new SampledEstimate[width];
        SampledEstimate[] byLanding = new SampledEstimate[width];
        for (int column = 0; column < width; column++) {
            int nameId = nameOfColumn.get(column);
            counted[column] = estimate(nameId, fit[column], t * jackknifeError(fitLeftOut, column));
            double landings = total.landings(column);
            boolean smallCalls = landings > 0 && total.calls(column) >= CALLS_PER_LANDING * landings;
            // Never narrower than the count of landings allows (Poisson), whatever the blocks say.
            double halfWidth = Math.max(t * jackknifeError(landedLeftOut, column), 1.96 * landed[column] / Math.sqrt(landings));
            byLanding[column] = smallCalls ? estimate(nameId, landed[column], halfWidth) : null;
        }
        boolean landingTrusted = landingAgreesWhereCountsAreClear(counted, byLanding);
        for (int column = 0; column < width; column++) {
            int nameId = nameOfColumn.get(column);
            boolean countsClear = counted[column] != null && counted[column].low() > 0;
            SampledEstimate chosen = countsClear || !landingTrusted || byLanding[column] == null
                    ? counted[column] : byLanding[column];
            if (nameId != OUTSIDE && chosen != null) {
                estimates.put(nameId, chosen);
            }
        }
        return estimates;
    }

    /**
     * Whether, for every name whose calls are small and whose count fit is clear (its interval
     * above 0), the landed figure lies inside the count fit's interval. Where samples land is not
     * in proportion to bytes in every recording (an unthrottled one with large arrays gives small
     * names half as much again); this recording's clear names say whether it is in this one.
     */
    private static boolean landingAgreesWhereCountsAreClear(SampledEstimate[] counted, SampledEstimate[] byLanding) {
        for (int column = 0; column < counted.length; column++) {
            SampledEstimate count = counted[column];
            SampledEstimate landing = byLanding[column];
            boolean clear = count != null && count.low() > 0;
            if (clear && landing != null && (landing.perCall() < count.low() || landing.perCall() > count.high())) {
                return false;
            }
        }
        return true;
    }

    private static SampledEstimate estimate(int nameId, double perCall, double halfWidth) {
        if (!Double.isFinite(perCall) || !Double.isFinite(halfWidth)) {
            return null;
        }
        return new SampledEstimate(nameId, Math.max(0, perCall), Math.max(0, perCall - halfWidth),
                Math.max(0, perCall + halfWidth));
    }

    /** Landed weight per call, per column; NaN where a column has no calls. */
    private static double[] landedPerCall(SpanBlock block, int width) {
        double[] perCall = new double[width];
        for (int column = 0; column < width; column++) {
            double calls = block.calls(column);
            perCall[column] = calls > 0 ? block.landed(column) / calls : Double.NaN;
        }
        return perCall;
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

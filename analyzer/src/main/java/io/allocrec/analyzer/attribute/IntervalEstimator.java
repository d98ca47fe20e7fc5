package io.allocrec.analyzer.attribute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming estimator of the bytes allocated per call of each scope name, from JFR allocation samples
 * (jdk.ObjectAllocationSample: time, weight = exact bytes the thread allocated since its previous sample) and
 * scope time ranges, with a 95% interval. No dependencies beyond the JDK; Java 17.
 *
 * <h2>Model</h2>
 * Each inter-sample interval i of a thread gives one equation: its weight W_i is the bytes the thread
 * allocated in it (exact up to TLAB bookkeeping: a sample taken at an allocation outside the TLAB does not yet
 * count the current TLAB, whose bytes show up in the next interval). Regressors (sparse), per name k
 * ("outside every scope" is a name too):
 * <ul>
 *   <li>c_ik = call exposure: sum over calls of k of the fraction of the call's exclusive running time that
 *       falls in interval i (a call wholly inside counts 1); for "outside" it is seconds;</li>
 *   <li>L_ik = 1 if the sample ending interval i landed in k (innermost open scope at the sample);</li>
 *   <li>P_ik = 1 if the sample starting interval i (the previous one) landed in k.</li>
 * </ul>
 * Mean model: E[W_i] = sum_k (b_k c_ik + g_k L_ik + d_k P_ik). Why the landing terms: where a sample falls is
 * chosen by the allocations themselves (TLAB refills, outside-TLAB objects, throttling), so the call that
 * triggered the sample is size-biased and the calls that did not are size-de-biased; g_k absorbs the former.
 * d_k absorbs the TLAB bytes a sample at k pushed into the next interval. Attribution:
 * total_k = b_k C_k + g_k N_k + D * max(0, b_k C_k) / sum_j max(0, b_j C_j), with C_k = sum of call exposures,
 * N_k = landings, D = sum_j d_j P_j (the pushed bytes, shared pro rata since they belong to whatever ran just
 * before the sample); per call = total_k / C_k. The L (and P) indicators sum to 1 on every interval, so the
 * fitted totals add up to the sum of the weights.
 *
 * <h2>Fit</h2>
 * Feasible generalised least squares. Variance model Var(W_i) = sum_j s_j x_ij (s >= 0, same regressors x),
 * fitted by non-negative least squares of squared residuals on x. The first {@code warmup} intervals are
 * buffered (bounded memory) to fit a pilot (OLS, variance model, GLS, variance model, GLS); they are then added
 * with weights from a variance model fitted on the other half of the warm-up (cross-fitting). Every later
 * interval is added once with weight 1/max(v_i, floor), v_i from the variance model fitted on earlier data only
 * (predictable weights keep the estimating equations unbiased). Coefficients and variance model are refitted
 * whenever a new time block starts. The final coefficients solve the summed weighted normal equations.
 *
 * <h2>State and merging</h2>
 * Per time block (aligned on multiples of blockNanos since the epoch, so blocks of different estimators line
 * up): weighted normal equations X'WX (p x p) and X'Wy (p), and per name the call exposure, landings and
 * previous-landings; p = 3(K+1) for K names. Plus the variance-model moments Z'Z and Z'e^2. When there are more
 * than maxBlocks blocks, blockNanos doubles and neighbouring blocks are added together. Memory:
 * O(maxBlocks * p^2) doubles (K = 11, 64 blocks: 1.3 MB), independent of the number of samples and scopes
 * (plus the warm-up buffer and, in {@link ThreadTimeline}, the intervals spanned by calls still open).
 * {@link #merge} adds blocks by time after remapping names (each side keeps the weights it used).
 *
 * <h2>Interval</h2>
 * Delete-a-block jackknife over the time blocks: theta_(-b) from the sums without block b,
 * SE^2 = (B-1)/B * sum_b (theta_(-b) - mean)^2; half-width = sqrt((t(0.975, B-1) SE)^2 + (MODEL_ERROR * theta)^2)
 * (MODEL_ERROR = 0.30 by default: the residual bias measured on allocrec's own mixes, up to 32% in
 * ProvenBoundsTest's and about 10% in the study's, which the jackknife cannot see);
 * clipped at 0.
 */
public final class IntervalEstimator {

    /** Estimate for one name. For {@link #OUTSIDE}, "calls" are seconds and "per call" is bytes per second. */
    public record Estimate(String name, double calls, double landings, double bytesPerCall, double low, double high,
                           double totalBytes, double totalLow, double totalHigh, double jackknifeSe, int blocks) {
        @Override
        public String toString() {
            return String.format("%s: %.0f B/call [%.0f, %.0f] (calls %.0f, total %.4g B, %d blocks)",
                    name, bytesPerCall, low, high, calls, totalBytes, blocks);
        }
    }

    public static final String OUTSIDE = "<outside>";
    /** parameters per name: bytes per call (per second for OUTSIDE), landing term, previous-landing term */
    private static final int S = 3;
    /** Relative model error added in quadrature to the jackknife half-width (measured residual bias, see README). */
    static final double MODEL_ERROR = Double.parseDouble(System.getProperty("estimator.modelError", "0.30"));
    /** Variance floor as a fraction of the mean predicted variance (caps the weight ratio at 1/FLOOR). */
    static final double FLOOR = Double.parseDouble(System.getProperty("estimator.floor", "1e-3"));

    private final int warmup;
    private final int maxBlocks;
    private long blockNanos;

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int cap;                                  // capacity in parameters (matrices are cap x cap)

    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    /** The block the last interval went to, and its key; null after blocks are merged or re-keyed. */
    private Block lastBlock;
    private long lastBlockKey;
    /** The row being built by {@link #interval}, reused: one interval at a time. */
    private int[] scratchCol = new int[8];
    private double[] scratchVal = new double[8];
    private double[][] zz = new double[0][0];         // variance model: sum z z'
    private double[] ze2 = new double[0];             //                 sum z e^2
    private double[] s;                               // variance model coefficients (null until warm-up fitted)
    private double[] beta;                            // current coefficients (for residuals)
    private double vFloor;
    private List<Row> buffer = new ArrayList<>();

    private static final class Block {
        double[][] a = new double[0][0];
        double[] c = new double[0];
        double[] calls = new double[0];
        double[] land = new double[0];
        double[] prev = new double[0];
        long n;

        void ensure(int p) {
            if (c.length >= p) return;
            a = grow(a, p); c = java.util.Arrays.copyOf(c, p);
            calls = java.util.Arrays.copyOf(calls, p / S); land = java.util.Arrays.copyOf(land, p / S); prev = java.util.Arrays.copyOf(prev, p / S);
        }

        void add(Block o, int[] map) {
            for (int r = 0; r < o.c.length; r++) {
                int mr = map[r];
                c[mr] += o.c[r];
                for (int q = 0; q < o.c.length; q++) a[mr][map[q]] += o.a[r][q];
            }
            for (int k = 0; k < o.calls.length; k++) { calls[map[S * k] / S] += o.calls[k]; land[map[S * k] / S] += o.land[k]; prev[map[S * k] / S] += o.prev[k]; }
            n += o.n;
        }
    }

    /** One interval, sparse: parameter columns and values; y = weight. */
    private static final class Row {
        final long time; final double y; final int[] col; final double[] val;
        Row(long time, double y, int[] col, double[] val) { this.time = time; this.y = y; this.col = col; this.val = val; }
    }

    public IntervalEstimator() { this(Integer.getInteger("estimator.warmup", 2048), 64, 250_000_000L); }

    /**
     * @param warmup     intervals buffered before the first variance model is fitted
     * @param maxBlocks  the number of time blocks is kept between maxBlocks/2 and maxBlocks
     * @param blockNanos initial block length
     */
    public IntervalEstimator(int warmup, int maxBlocks, long blockNanos) {
        this.warmup = warmup; this.maxBlocks = maxBlocks; this.blockNanos = blockNanos;
        id(OUTSIDE);
    }

    private int id(String name) {
        Integer i = index.get(name);
        if (i != null) return i;
        int k = names.size();
        index.put(name, k); names.add(name);
        int p = S * names.size();
        if (p > cap) {
            cap = Math.max(p, 2 * cap);
            zz = grow(zz, cap); ze2 = java.util.Arrays.copyOf(ze2, cap);
            if (s != null) s = java.util.Arrays.copyOf(s, cap);
            if (beta != null) beta = java.util.Arrays.copyOf(beta, cap);
        }
        return k;
    }

    private static double[][] grow(double[][] m, int p) {
        double[][] r = new double[p][p];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, r[i], 0, m[i].length);
        return r;
    }

    /**
     * Adds one inter-sample interval.
     *
     * @param endNanos       time of the sample that ends the interval (epoch nanos, any fixed origin shared by all feeds)
     * @param weight         the sample's weight (bytes)
     * @param landing        innermost scope name open at the sample, or null if none
     * @param outsideSeconds running time in the interval outside every scope
     * @param names          names with call exposure in the interval
     * @param calls          call exposure per name (fraction of each call's exclusive time that is in the interval, summed)
     */
    /**
     * Below this many intervals the fit is not trusted (it is also the warm-up): a report then gives
     * the landed weights without an interval. Measured: with about a hundred intervals the fit put a
     * third of a name's bytes elsewhere.
     */
    public static final int MIN_INTERVALS = 2048;

    private long intervals;

    /** How many intervals were added. */
    public long intervals() {
        return intervals;
    }

    public void interval(long endNanos, long weight, String landing, String previousLanding, double outsideSeconds, String[] names, double[] calls) {
        intervals++;
        int n = names.length;
        if (scratchCol.length < n + 3) { scratchCol = new int[n + 3]; scratchVal = new double[n + 3]; }
        int[] col = scratchCol; double[] val = scratchVal;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (calls[i] == 0) continue;
            int k = id(names[i]);
            int j = 0; while (j < m && col[j] != S * k) j++;
            if (j == m) { col[m] = S * k; val[m++] = calls[i]; } else val[j] += calls[i];
        }
        if (outsideSeconds > 0) { col[m] = 0; val[m++] = outsideSeconds; }
        col[m] = S * id(landing == null ? OUTSIDE : landing) + 1; val[m++] = 1;
        col[m] = S * id(previousLanding == null ? OUTSIDE : previousLanding) + 2; val[m++] = 1;
        if (buffer != null) {
            add(new Row(endNanos, weight, java.util.Arrays.copyOf(col, m), java.util.Arrays.copyOf(val, m)));
        } else {
            add(endNanos, weight, col, val, m); // past the warm-up nothing keeps the row: no copy, no object
        }
    }

    private void add(Row r) {
        if (buffer != null) {
            buffer.add(r);
            if (buffer.size() >= warmup) flushWarmup();
            return;
        }
        add(r.time, r.y, r.col, r.val, r.col.length);
    }

    /** Adds one interval's row (its first {@code m} columns) to its time block. */
    private void add(long time, double y, int[] col, double[] val, int m) {
        long key = Math.floorDiv(time, blockNanos);
        // Consecutive intervals nearly always fall in the same block: look it up once (no boxed key).
        Block b = lastBlock != null && key == lastBlockKey ? lastBlock : blocks.get(key);
        if (b == null) {
            if (!replaying) refit();
            b = new Block();
            blocks.put(key, b);
            if (blocks.size() > maxBlocks) coarsen();
            b = blocks.get(Math.floorDiv(time, blockNanos));
            key = Math.floorDiv(time, blockNanos);
        }
        lastBlock = b;
        lastBlockKey = key;
        int p = S * names.size();
        b.ensure(p);
        double v = 0;
        for (int i = 0; i < m; i++) v += s[col[i]] * val[i];
        double w = 1 / Math.max(v, vFloor);
        double mu = 0;
        for (int i = 0; i < m; i++) mu += beta[col[i]] * val[i];
        double e = y - mu;
        for (int i = 0; i < m; i++) {
            int ci = col[i]; double xi = val[i];
            b.c[ci] += w * xi * y;
            if (!replaying) ze2[ci] += xi * e * e;
            for (int j = 0; j < m; j++) {
                b.a[ci][col[j]] += w * xi * val[j];
                if (!replaying) zz[ci][col[j]] += xi * val[j];
            }
            if (ci % S == 0) b.calls[ci / S] += xi; else if (ci % S == 1) b.land[ci / S] += xi; else b.prev[ci / S] += xi;
        }
        b.n++;
    }

    private void coarsen() {
        lastBlock = null;
        while (blocks.size() > maxBlocks) {
            blockNanos *= 2;
            TreeMap<Long, Block> old = new TreeMap<>(blocks);
            blocks.clear();
            int p = S * names.size();
            int[] identity = new int[p];
            for (int i = 0; i < p; i++) identity[i] = i;
            for (Map.Entry<Long, Block> en : old.entrySet()) {
                long key = Math.floorDiv(en.getKey(), 2);
                Block t = blocks.computeIfAbsent(key, k -> new Block());
                t.ensure(p); en.getValue().ensure(p);
                t.add(en.getValue(), identity);
            }
        }
    }

    /** Fits the pilot on the buffered intervals and replays them. */
    private void flushWarmup() {
        List<Row> rows = buffer;
        buffer = null;
        int p = S * names.size();
        if (rows.isEmpty()) { s = new double[cap]; beta = new double[cap]; vFloor = 1; return; }
        double[] sc = null;
        double[] bc = null;
        for (int round = 0; round < 3; round++) {
            // (round 0: OLS) weighted LS with the current variance model, then variance model from its residuals
            double[][] a = new double[p][p]; double[] c = new double[p];
            double floor = 0;
            if (sc != null) floor = floorOf(rows, sc);
            for (Row r : rows) {
                double w = 1;
                if (sc != null) { double v = 0; for (int i = 0; i < r.col.length; i++) v += sc[r.col[i]] * r.val[i]; w = 1 / Math.max(v, floor); }
                for (int i = 0; i < r.col.length; i++) {
                    c[r.col[i]] += w * r.val[i] * r.y;
                    for (int j = 0; j < r.col.length; j++) a[r.col[i]][r.col[j]] += w * r.val[i] * r.val[j];
                }
            }
            bc = solve(a, c);
            if (round == 2) break;
            double[][] z = new double[p][p]; double[] ze = new double[p];
            for (Row r : rows) {
                double mu = 0; for (int i = 0; i < r.col.length; i++) mu += bc[r.col[i]] * r.val[i];
                double e2 = (r.y - mu) * (r.y - mu);
                for (int i = 0; i < r.col.length; i++) {
                    ze[r.col[i]] += r.val[i] * e2;
                    for (int j = 0; j < r.col.length; j++) z[r.col[i]][r.col[j]] += r.val[i] * r.val[j];
                }
            }
            sc = nnls(z, ze, sc, 3000);
        }
        s = java.util.Arrays.copyOf(sc, cap);
        beta = java.util.Arrays.copyOf(bc, cap);
        vFloor = floorOf(rows, s);
        // seed the variance-model moments with the warm-up rows' residuals from the pilot fit
        for (Row r : rows) {
            double mu = 0; for (int i = 0; i < r.col.length; i++) mu += bc[r.col[i]] * r.val[i];
            double e2 = (r.y - mu) * (r.y - mu);
            for (int i = 0; i < r.col.length; i++) {
                ze2[r.col[i]] += r.val[i] * e2;
                for (int j = 0; j < r.col.length; j++) zz[r.col[i]][r.col[j]] += r.val[i] * r.val[j];
            }
        }
        // cross-fitting: the warm-up rows are weighted with a variance model fitted on the other half of the warm-up
        // (chunks of 256 rows alternate between the halves), so that no row's weight is fitted on its own residual
        double[][] sHalf = new double[2][];
        for (int h = 0; h < 2; h++) {
            double[][] z = new double[p][p]; double[] ze = new double[p];
            for (int ri = 0; ri < rows.size(); ri++) {
                if ((ri / 256) % 2 != h) continue;
                Row r = rows.get(ri);
                double mu = 0; for (int i = 0; i < r.col.length; i++) mu += bc[r.col[i]] * r.val[i];
                double e2 = (r.y - mu) * (r.y - mu);
                for (int i = 0; i < r.col.length; i++) {
                    ze[r.col[i]] += r.val[i] * e2;
                    for (int j = 0; j < r.col.length; j++) z[r.col[i]][r.col[j]] += r.val[i] * r.val[j];
                }
            }
            sHalf[h] = java.util.Arrays.copyOf(nnls(z, ze, sc, 3000), cap);
        }
        replaying = true;
        double[] sAll = s;
        for (int ri = 0; ri < rows.size(); ri++) {
            s = rows.size() >= 512 ? sHalf[1 - (ri / 256) % 2] : sAll;
            add(rows.get(ri));
        }
        s = sAll;
        replaying = false;
    }

    private boolean replaying;

    /** Variance floor: 1e-3 of the mean predicted variance. */
    private static double floorOf(List<Row> rows, double[] sc) {
        double m = 0;
        for (Row r : rows) { double v = 0; for (int i = 0; i < r.col.length; i++) v += sc[r.col[i]] * r.val[i]; m += v; }
        m /= rows.size();
        return Math.max(FLOOR * m, 1);
    }

    /** Refits coefficients (GLS so far) and the variance model (moments so far). */
    private void refit() {
        int p = S * names.size();
        if (blocks.isEmpty()) return;
        double[][] a = new double[p][p]; double[] c = new double[p];
        sum(a, c, null, null, null, null, p);
        double[] bnew = solve(a, c);
        System.arraycopy(bnew, 0, beta, 0, p);
        double[][] z = new double[p][p];
        for (int i = 0; i < p; i++) System.arraycopy(zz[i], 0, z[i], 0, p);
        double[] sn = nnls(z, java.util.Arrays.copyOf(ze2, p), java.util.Arrays.copyOf(s, p), 200);
        System.arraycopy(sn, 0, s, 0, p);
    }

    private void sum(double[][] a, double[] c, double[] calls, double[] land, double[] prev, Long except, int p) {
        for (Map.Entry<Long, Block> en : blocks.entrySet()) {
            if (except != null && en.getKey().equals(except)) continue;
            Block b = en.getValue();
            b.ensure(p);
            for (int i = 0; i < p; i++) {
                c[i] += b.c[i];
                double[] ai = a[i], bi = b.a[i];
                for (int j = 0; j < p; j++) ai[j] += bi[j];
            }
            if (calls != null) for (int k = 0; k < p / S; k++) { calls[k] += b.calls[k]; land[k] += b.land[k]; prev[k] += b.prev[k]; }
        }
    }

    /** Adds another estimator's data (e.g. another thread group or another recording chunk). */
    public void merge(IntervalEstimator o) {
        if (o.buffer != null && !o.buffer.isEmpty()) o.flushWarmup();
        if (buffer != null) flushWarmup();
        int[] map = new int[S * o.names.size()];
        for (int k = 0; k < o.names.size(); k++) { int j = id(o.names.get(k)); for (int q = 0; q < S; q++) map[S * k + q] = S * j + q; }
        int p = S * names.size();
        while (blockNanos < o.blockNanos) { blockNanos *= 2; coarsenTo(); }
        long factor = blockNanos / o.blockNanos;
        for (Map.Entry<Long, Block> en : o.blocks.entrySet()) {
            long key = Math.floorDiv(en.getKey(), factor);
            Block t = blocks.computeIfAbsent(key, k -> new Block());
            t.ensure(p); en.getValue().ensure(S * o.names.size());
            t.add(en.getValue(), map);
        }
        for (int r = 0; r < o.names.size() * S; r++) {
            ze2[map[r]] += o.ze2[r];
            for (int q = 0; q < o.names.size() * S; q++) zz[map[r]][map[q]] += o.zz[r][q];
        }
        vFloor = Math.min(vFloor, o.vFloor);
        if (blocks.size() > maxBlocks) coarsen();
        refit();
    }

    /** Re-keys blocks after blockNanos doubled (used by merge). */
    private void coarsenTo() {
        lastBlock = null;
        TreeMap<Long, Block> old = new TreeMap<>(blocks);
        blocks.clear();
        int p = S * names.size();
        int[] identity = new int[p];
        for (int i = 0; i < p; i++) identity[i] = i;
        for (Map.Entry<Long, Block> en : old.entrySet()) {
            Block t = blocks.computeIfAbsent(Math.floorDiv(en.getKey(), 2), k -> new Block());
            t.ensure(p); en.getValue().ensure(p);
            t.add(en.getValue(), identity);
        }
    }

    /** Estimates for every name seen (including {@link #OUTSIDE}). */
    public Map<String, Estimate> estimates() {
        if (buffer != null) flushWarmup();
        int p = S * names.size(), K = names.size();
        double[][] a = new double[p][p]; double[] c = new double[p]; double[] calls = new double[K]; double[] land = new double[K]; double[] prev = new double[K];
        sum(a, c, calls, land, prev, null, p);
        double[] full = perCall(solve(a, c), calls, land, prev);
        int B = blocks.size();
        double[][] jk = new double[B][];
        int bi = 0;
        for (Map.Entry<Long, Block> en : blocks.entrySet()) {
            Block b = en.getValue();
            double[][] aj = new double[p][p]; double[] cj = new double[p];
            for (int i = 0; i < p; i++) { cj[i] = c[i] - b.c[i]; for (int j = 0; j < p; j++) aj[i][j] = a[i][j] - b.a[i][j]; }
            double[] callsj = new double[K], landj = new double[K], prevj = new double[K];
            for (int k = 0; k < K; k++) { callsj[k] = calls[k] - b.calls[k]; landj[k] = land[k] - b.land[k]; prevj[k] = prev[k] - b.prev[k]; }
            jk[bi++] = perCall(solve(aj, cj), callsj, landj, prevj);
        }
        double t = StudentT.quantile975(Math.max(1, B - 1));
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (int k = 0; k < K; k++) {
            double mean = 0; int n = 0;
            for (double[] r : jk) if (!Double.isNaN(r[k])) { mean += r[k]; n++; }
            double se;
            if (n < 2) se = Double.POSITIVE_INFINITY;
            else {
                mean /= n;
                double ss = 0; for (double[] r : jk) if (!Double.isNaN(r[k])) ss += (r[k] - mean) * (r[k] - mean);
                se = Math.sqrt((n - 1.0) / n * ss);
            }
            double est = full[k];
            double half = Math.sqrt(t * se * t * se + MODEL_ERROR * est * MODEL_ERROR * est);
            double lo = Math.max(0, est - half), hi = Math.max(0, est + half);
            double e = Math.max(0, est);
            out.put(names.get(k), new Estimate(names.get(k), calls[k], land[k], e, lo, hi, e * calls[k], lo * calls[k], hi * calls[k], se, B));
        }
        return out;
    }

    public Estimate estimate(String name) { return estimates().get(name); }

    /** Bytes per call: b_k C_k + g_k N_k, plus the bytes of the previous-landing terms (sum_j d_j P_j, bytes that a
     *  sample's TLAB bookkeeping moved into the following interval) shared pro rata to the names' b_k C_k. */
    private static double[] perCall(double[] beta, double[] calls, double[] land, double[] prev) {
        int K = calls.length;
        double shifted = 0, base = 0;
        for (int k = 0; k < K; k++) { shifted += beta[S * k + 2] * prev[k]; base += Math.max(0, beta[S * k] * calls[k]); }
        double[] r = new double[K];
        for (int k = 0; k < K; k++) {
            double own = beta[S * k] * calls[k];
            double share = base > 0 ? Math.max(0, own) / base : 0;
            r[k] = calls[k] > 0 ? (own + beta[S * k + 1] * land[k] + shifted * share) / calls[k] : Double.NaN;
        }
        return r;
    }

    /** Solves A x = c by Gaussian elimination with partial pivoting; parameters with no data get 0. */
    static double[] solve(double[][] a0, double[] c0) {
        int p = c0.length;
        int[] act = new int[p]; int m = 0;
        double maxDiag = 0;
        for (int i = 0; i < p; i++) maxDiag = Math.max(maxDiag, a0[i][i]);
        for (int i = 0; i < p; i++) if (a0[i][i] > 1e-300 && a0[i][i] > 1e-14 * maxDiag) act[m++] = i;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) a[i][j] = a0[act[i]][act[j]];
            a[i][i] *= 1 + 1e-10;                       // tiny ridge against exact collinearity
            a[i][m] = c0[act[i]];
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] tmp = a[col]; a[col] = a[piv]; a[piv] = tmp;
            double d = a[col][col];
            if (d == 0) continue;
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / d;
                if (f != 0) for (int k = col; k <= m; k++) a[r][k] -= f * a[col][k];
            }
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double v = a[i][m];
            for (int j = i + 1; j < m; j++) v -= a[i][j] * x[j];
            x[i] = a[i][i] == 0 ? 0 : v / a[i][i];
        }
        double[] out = new double[p];
        for (int i = 0; i < m; i++) out[act[i]] = x[i];
        return out;
    }

    /** Non-negative least squares on normal equations by cyclic coordinate descent. */
    static double[] nnls(double[][] a, double[] c, double[] start, int sweeps) {
        int p = c.length;
        double[] x = start == null ? new double[p] : java.util.Arrays.copyOf(start, p);
        for (int it = 0; it < sweeps; it++) {
            double change = 0, size = 0;
            for (int k = 0; k < p; k++) {
                if (a[k][k] <= 0) continue;
                double g = -c[k];
                for (int j = 0; j < p; j++) g += a[k][j] * x[j];
                double nx = Math.max(0, x[k] - g / a[k][k]);
                change += Math.abs(nx - x[k]) * Math.sqrt(a[k][k]); size += Math.abs(nx) * Math.sqrt(a[k][k]);
                x[k] = nx;
            }
            if (change <= 1e-9 * size) break;
        }
        return x;
    }

    /**
     * Turns one thread's events, in time order, into intervals: {@link #enter}/{@link #exit} for scopes (properly
     * nested), {@link #sample} for allocation samples. The first sample only starts the first interval (its weight
     * covers an unknown span). An interval is handed to the estimator once its sample has arrived and every call
     * that overlaps it has ended (call exposure needs the call's exclusive duration).
     */
    public static final class ThreadTimeline {
        private final IntervalEstimator est;
        private final ArrayDeque<Call> stack = new ArrayDeque<>();
        private Pending current;             // interval being accumulated, null before the first sample
        private long last = Long.MIN_VALUE;

        private static final class Pending {
            final CallShares calls = new CallShares();
            double outside; int refs; boolean closed; long end, weight; String landing, previousLanding;

            void clear() {
                calls.clear();
                outside = 0; refs = 0; closed = false; end = 0; weight = 0; landing = null; previousLanding = null;
            }
        }

        private final ArrayDeque<Pending> spare = new ArrayDeque<>();
        private double[] shares = new double[4];

        /**
         * The calls' shares of one interval by name, summed in the order they arrive. Most intervals
         * have one name or none, so no map is made per interval (one per sample was most of the
         * estimator's allocation); with two or more, {@link #names} lists them as a HashMap filled in
         * the same order would, so the estimate does not change by a bit.
         */
        private static final class CallShares {
            private static final String[] NONE = new String[0];
            private String[] names = NONE;
            private double[] shares;
            private int size;

            void merge(String name, double share) {
                for (int i = 0; i < size; i++) {
                    if (names[i].equals(name)) {
                        shares[i] += share;
                        return;
                    }
                }
                if (size == names.length) {
                    names = java.util.Arrays.copyOf(names, Math.max(1, 2 * size));
                    shares = java.util.Arrays.copyOf(shares == null ? new double[0] : shares, Math.max(1, 2 * size));
                }
                names[size] = name;
                shares[size++] = share;
            }

            String[] names() {
                if (size == 0) {
                    return NONE;
                }
                if (size == 1) {
                    return java.util.Arrays.copyOf(names, 1);
                }
                Map<String, Double> inHashOrder = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    inHashOrder.put(names[i], shares[i]);
                }
                return inHashOrder.keySet().toArray(new String[0]);
            }

            void clear() {
                java.util.Arrays.fill(names, 0, size, null);
                size = 0;
            }

            double share(String name) {
                for (int i = 0; i < size; i++) {
                    if (names[i].equals(name)) {
                        return shares[i];
                    }
                }
                return 0;
            }
        }

        private static final class Call {
            final String name; long exclusive;
            final List<Pending> ivs = new ArrayList<>(); long[] nanos = new long[4];
            Call(String name) { this.name = name; }
        }

        public ThreadTimeline(IntervalEstimator est) { this.est = est; }

        private void advance(long t) {
            if (last == Long.MIN_VALUE) { last = t; return; }
            long dt = Math.max(0, t - last);
            last = Math.max(last, t);
            if (dt == 0) return;
            Call c = stack.peek();
            if (c == null) { if (current != null) current.outside += dt * 1e-9; return; }
            c.exclusive += dt;
            if (current == null) return;
            int n = c.ivs.size();
            if (n > 0 && c.ivs.get(n - 1) == current) c.nanos[n - 1] += dt;
            else {
                if (n == c.nanos.length) c.nanos = java.util.Arrays.copyOf(c.nanos, 2 * n);
                c.ivs.add(current); c.nanos[n] = dt; current.refs++;
            }
        }

        public void enter(String name, long t) { advance(t); stack.push(new Call(name)); }

        public void exit(long t) {
            advance(t);
            if (stack.isEmpty()) {
                return; // an end whose start was never handed over
            }
            Call c = stack.pop();
            if (c.exclusive == 0) {
                if (current != null) current.calls.merge(c.name, 1.0);
            }
            for (int i = 0; i < c.ivs.size(); i++) {
                Pending p = c.ivs.get(i);
                if (c.exclusive > 0) p.calls.merge(c.name, (double) c.nanos[i] / c.exclusive);
                p.refs--;
                emitIfReady(p);
            }
        }

        public void sample(long t, long weight) {
            advance(t);
            if (current != null) {
                current.closed = true; current.end = t; current.weight = weight;
                Call c = stack.peek();
                current.landing = c == null ? null : c.name;
                emitIfReady(current);
            }
            current = newPending();
            Call c = stack.peek();
            current.previousLanding = c == null ? null : c.name;
        }

        private void emitIfReady(Pending p) {
            if (!p.closed || p.refs > 0) return;
            String[] n = p.calls.names();
            if (shares.length < n.length) shares = new double[n.length];
            for (int i = 0; i < n.length; i++) shares[i] = p.calls.share(n[i]);
            est.interval(p.end, p.weight, p.landing, p.previousLanding, p.outside, n, shares);
            // Nothing refers to an interval once handed over (no call holds it, a later sample closed it).
            p.clear();
            spare.push(p);
        }

        /** A fresh interval, reusing one handed over: one a sample otherwise. */
        private Pending newPending() {
            Pending p = spare.poll();
            return p != null ? p : new Pending();
        }
    }
}

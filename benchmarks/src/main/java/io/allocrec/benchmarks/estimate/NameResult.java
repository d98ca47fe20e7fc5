package io.allocrec.benchmarks.estimate;

/**
 * One (name, run) pair of the evaluation: the report's sampled figure and interval against the
 * exact bytes the workload counted.
 *
 * @param workload     the workload's name
 * @param seed         the run's seed
 * @param name         the operation
 * @param exactBytes   bytes the name's calls allocated, from the thread's counter
 * @param sampledBytes the report's figure
 * @param low          its interval's low end
 * @param high         its interval's high end; -1 without one
 * @param proven       whether the interval is the proven one
 * @param samples      samples that landed in the name's scopes
 * @param landedBytes  their summed weights
 */
record NameResult(String workload, long seed, String name, long exactBytes, long sampledBytes, long low, long high,
                  boolean proven, long samples, long landedBytes) {

    static final String HEADER = "workload,seed,name,exact_bytes,sampled_bytes,low,high,interval,samples,landed_bytes";

    boolean holds() {
        return low <= exactBytes && (high < 0 || exactBytes <= high);
    }

    /** Half the interval's width over the exact bytes; infinite without a high end or for an exact 0. */
    double relativeHalfWidth() {
        if (high < 0 || exactBytes == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (high - low) / 2.0 / exactBytes;
    }

    double relativeError(long figure) {
        return exactBytes == 0 ? (figure == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(figure - exactBytes) / (double) exactBytes;
    }

    String csv() {
        return String.join(",", workload, Long.toString(seed), name, Long.toString(exactBytes), Long.toString(sampledBytes),
                Long.toString(low), Long.toString(high), proven ? "proven" : "estimate", Long.toString(samples),
                Long.toString(landedBytes));
    }

    static NameResult parse(String line) {
        String[] f = line.split(",");
        return new NameResult(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), f[7].equals("proven"), Long.parseLong(f[8]), Long.parseLong(f[9]));
    }
}

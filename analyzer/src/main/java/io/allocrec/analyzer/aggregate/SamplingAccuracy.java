package io.allocrec.analyzer.aggregate;

import java.util.List;
import java.util.Optional;

/**
 * How far the sampled figures are from the exact ones, over the scopes large enough for sampling
 * to be meaningful. Computed from the recording itself, so every report states how good its
 * sampled column is.
 *
 * @param threshold  the smallest exact allocation considered, in bytes
 * @param scopes     how many scopes allocated at least that much, exactly
 * @param worst      the largest |sampled - exact| / exact among them
 * @param worstScope the scope with that error
 */
public record SamplingAccuracy(long threshold, int scopes, double worst, NamedScope worstScope) {

    /** Scopes under this many bytes usually get a handful of samples or none. */
    public static final long DEFAULT_THRESHOLD = 10L * 1024 * 1024;

    public static Optional<SamplingAccuracy> of(List<NamedScope> scopes, long threshold) {
        int count = 0;
        double worst = -1;
        NamedScope worstScope = null;
        for (NamedScope scope : scopes) {
            long exact = scope.figures().allocatedBytes();
            if (exact >= threshold) {
                count++;
                double error = Math.abs(scope.figures().sampledBytesInclusive() - exact) / (double) exact;
                if (error > worst) {
                    worst = error;
                    worstScope = scope;
                }
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(new SamplingAccuracy(threshold, count, worst, worstScope));
    }
}

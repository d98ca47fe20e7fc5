package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.AttributedScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All the scopes with one name (an endpoint, a job, a method) taken together.
 *
 * <p>Exact figures come from the scopes' {@code allocatedBytes} (inclusive of nested scopes) and
 * cover only the calls that have one ({@link #exactCalls}). Sampled figures are the summed
 * weights of the samples that fell in these scopes, nested scopes excluded (a sample goes to the
 * innermost scope): over many calls that sum is an unbiased estimate, where a single call's share
 * of a sample is not.
 *
 * @param name          the scopes' name
 * @param calls         how many scopes had it
 * @param exactCalls    how many of them have an exact allocated figure (a virtual thread's have none)
 * @param exactTotal    exact allocated bytes over those calls
 * @param exactMean     per call
 * @param exactP50      per call, median (nearest rank)
 * @param exactP99      per call, 99th percentile (nearest rank)
 * @param sampledBytes  sampled bytes, nested scopes excluded
 * @param sampledInclusiveOfExactCalls sampled bytes including nested scopes, over the exact calls only
 * @param samples       samples counted in these scopes
 * @param maxDepth      deepest nesting seen: above 0, some of these scopes ran inside others
 * @param hasNested     whether other scopes ran inside some of these (their exact figure includes those)
 */
public record ScopeNameSummary(String name, long calls, long exactCalls, long exactTotal, double exactMean,
                               long exactP50, long exactP99, long sampledBytes, long sampledInclusiveOfExactCalls,
                               long samples, int maxDepth, boolean hasNested) {

    /** Sampled / exact over the calls that have both: how much of the allocation the samples saw. */
    public double coverage() {
        return exactTotal > 0 ? sampledInclusiveOfExactCalls / (double) exactTotal : Double.NaN;
    }

    /** Mean bytes per call: exact where every call has an exact figure, otherwise sampled. */
    public double meanPerCall() {
        return exactCalls == calls && calls > 0 ? exactMean : sampledBytes / (double) calls;
    }

    public boolean meanIsExact() {
        return exactCalls == calls && calls > 0;
    }

    /** One summary per name, in order of first appearance. */
    public static List<ScopeNameSummary> of(List<AttributedScope> scopes) {
        Map<String, List<AttributedScope>> byName = new LinkedHashMap<>();
        for (AttributedScope scope : scopes) {
            byName.computeIfAbsent(scope.event().name(), name -> new ArrayList<>()).add(scope);
        }
        List<ScopeNameSummary> summaries = new ArrayList<>();
        byName.forEach((name, group) -> summaries.add(summarize(name, group)));
        return summaries;
    }

    private static ScopeNameSummary summarize(String name, List<AttributedScope> group) {
        long[] exact = group.stream().mapToLong(s -> s.event().allocatedBytes()).filter(b -> b >= 0).sorted().toArray();
        long exactTotal = Arrays.stream(exact).sum();
        long sampled = group.stream().mapToLong(AttributedScope::sampleWeight).sum();
        long sampledOfExact = group.stream().filter(s -> s.event().hasAllocatedBytes())
                .mapToLong(AttributedScope::sampleWeightInclusive).sum();
        long samples = group.stream().mapToLong(AttributedScope::samples).sum();
        int maxDepth = group.stream().mapToInt(AttributedScope::depth).max().orElse(0);
        boolean hasNested = group.stream().anyMatch(AttributedScope::hasNested);
        return new ScopeNameSummary(name, group.size(), exact.length, exactTotal,
                exact.length == 0 ? Double.NaN : exactTotal / (double) exact.length,
                percentile(exact, 0.50), percentile(exact, 0.99), sampled, sampledOfExact, samples, maxDepth, hasNested);
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

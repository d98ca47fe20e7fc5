package io.allocrec.analyzer.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sampled bytes per scope name and full stack (frames as methods, without lines, so that one
 * method's lines merge as flame graphs merge them) and allocated class. Sampled figures, nested
 * scopes excluded (a sample belongs to its innermost scope); samples outside every scope are under
 * {@link #OUTSIDE}. What flame graphs, pprof profiles and differential flame graphs are drawn from.
 *
 * @param stacks largest first
 */
public record StackProfile(List<Stack> stacks) {

    /** The scope name of samples outside every scope. */
    public static final String OUTSIDE = "(outside scopes)";
    /** The frame of a sample without a stack trace. */
    public static final String NO_STACK = "(no stack trace)";

    /**
     * One stack of one scope name.
     *
     * @param frames         outermost first, allocating frame last; {@link #NO_STACK} alone when unknown
     * @param allocatedClass the class the samples allocated
     * @param sampledBytes   summed sample weights
     * @param samples        how many samples
     */
    public record Stack(String scope, List<String> frames, String allocatedClass, long sampledBytes, long samples) {
    }

    public StackProfile {
        stacks = List.copyOf(stacks);
    }

    /** Merges stacks that differ only in frame lines (already merged by the caller) or repeat. */
    static StackProfile of(List<Stack> unmerged) {
        record Key(String scope, List<String> frames, String allocatedClass) {
            // Written out: a record's own equals and hashCode are bootstrapped through method
            // handles, which spin classes at the first call, a fixed cost of every report.
            @Override
            public boolean equals(Object other) {
                return other instanceof Key that && Objects.equals(scope, that.scope)
                        && Objects.equals(frames, that.frames) && Objects.equals(allocatedClass, that.allocatedClass);
            }

            @Override
            public int hashCode() {
                return (31 * Objects.hashCode(scope) + Objects.hashCode(frames)) * 31 + Objects.hashCode(allocatedClass);
            }
        }
        Map<Key, long[]> sums = new LinkedHashMap<>();
        for (Stack s : unmerged) {
            long[] sum = sums.computeIfAbsent(new Key(s.scope(), s.frames(), s.allocatedClass()), k -> new long[2]);
            sum[0] += s.sampledBytes();
            sum[1] += s.samples();
        }
        List<Stack> merged = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> merged.add(new Stack(key.scope(), key.frames(), key.allocatedClass(), sum[0], sum[1])));
        merged.sort(Comparator.comparingLong(Stack::sampledBytes).reversed()
                .thenComparing(Stack::scope).thenComparing(s -> String.join(";", s.frames())));
        return new StackProfile(merged);
    }

    /** The scope names, largest first, {@link #OUTSIDE} last when present. */
    public List<String> scopes() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        stacks.forEach(s -> bytes.merge(s.scope(), s.sampledBytes(), Long::sum));
        List<String> names = new ArrayList<>(bytes.keySet());
        names.sort(Comparator.comparing((String n) -> n.equals(OUTSIDE))
                .thenComparing(n -> -bytes.get(n)).thenComparing(Comparator.naturalOrder()));
        return Collections.unmodifiableList(names);
    }

    /** The stacks of one scope name. */
    public List<Stack> of(String scope) {
        return stacks.stream().filter(s -> s.scope().equals(scope)).toList();
    }

    public long sampledBytes() {
        return stacks.stream().mapToLong(Stack::sampledBytes).sum();
    }
}

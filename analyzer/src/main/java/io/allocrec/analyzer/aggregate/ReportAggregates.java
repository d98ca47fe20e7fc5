package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.FinishedScope;
import io.allocrec.analyzer.attribute.SampledEstimate;
import io.allocrec.analyzer.attribute.SweepListener;
import io.allocrec.analyzer.load.StackTable;
import io.allocrec.analyzer.load.StringIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report keeps of a recording while it streams by: per scope name its figures, per name
 * and stack its sampled bytes, and the scopes themselves only while they are few (a size sweep:
 * hundreds), for {@code scenarios.csv} and the sweep charts. Memory grows with the names and
 * stacks, not with the scopes or samples.
 */
public final class ReportAggregates implements SweepListener {

    /** Scopes kept one by one at most; a recording with more is summarised per name. */
    public static final int MAX_ROWS = 100_000;

    private final StringIds scopeNames;
    /**
     * Per name id (null for a name not met yet): an array, so a scope or sample costs no boxing
     * and no interface call, which C1 leaves as a call.
     */
    private NameStats[] byName = new NameStats[16];
    private final List<Integer> firstSeen = new ArrayList<>();
    private final ClassTally tally;
    private final List<NamedScope> rows = new ArrayList<>();
    private final Set<SizeAndName> sizesAndNames = new HashSet<>();
    private boolean rowsComplete = true;
    private boolean namesRepeat;
    private long scopes;
    private long samples;
    private long sampledBytes;
    private Map<Integer, SampledEstimate> estimates = Map.of();

    public ReportAggregates(StringIds scopeNames, StackTable stacks) {
        this.scopeNames = scopeNames;
        this.tally = new ClassTally(scopeNames, stacks);
    }

    /** Whole scopes while they are kept one by one; past that, their figures are only counted. */
    @Override
    public boolean wantsScope() {
        return rowsComplete;
    }

    @Override
    public void scope(FinishedScope scope) {
        counted(scope.nameId(), scope.size(), scope.allocatedBytes(), scope.sampleWeightInclusive(),
                scope.sampledBytes(), scope.sampledLow(), scope.sampledHigh(), scope.includesNested());
        if (rowsComplete) {
            if (rows.size() < MAX_ROWS) {
                rows.add(new NamedScope(scopeNames.name(scope.nameId()), scope));
            } else {
                rowsComplete = false;
                rows.clear();
            }
        }
    }

    @Override
    public void counted(int nameId, long size, long allocatedBytes, long sampleWeightInclusive, long sampledBytes,
                        long sampledLow, long sampledHigh, boolean includesNested) {
        scopes++;
        stats(nameId).add(allocatedBytes, sampleWeightInclusive, sampledBytes, sampledLow, sampledHigh, includesNested);
        if (!namesRepeat && sizesAndNames.size() < MAX_ROWS && !sizesAndNames.add(new SizeAndName(size, nameId))) {
            namesRepeat = true;
        }
    }

    private record SizeAndName(long size, int nameId) {
        // Written out: a record's own equals and hashCode are bootstrapped through method handles,
        // which spun some fifty classes at the first call, a fixed cost of every report.
        @Override
        public boolean equals(Object other) {
            return other instanceof SizeAndName that && size == that.size && nameId == that.nameId;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(size) + nameId;
        }
    }

    @Override
    public void sample(int nameId, int key, long weight) {
        samples++;
        sampledBytes += weight;
        tally.add(nameId, key, weight);
        if (nameId != OUTSIDE_SCOPES) {
            stats(nameId).addSample(weight);
        }
    }

    private NameStats stats(int nameId) {
        if (nameId >= byName.length) {
            byName = Arrays.copyOf(byName, Math.max(nameId + 1, 2 * byName.length));
        }
        NameStats stats = byName[nameId];
        if (stats == null) {
            stats = new NameStats(nameId);
            byName[nameId] = stats;
            firstSeen.add(nameId);
        }
        return stats;
    }

    public long scopeCount() {
        return scopes;
    }

    public long sampleCount() {
        return samples;
    }

    public long sampledBytes() {
        return sampledBytes;
    }

    /** Whether some name occurs more than once at the same size: then per-name tables say more. */
    public boolean namesRepeat() {
        return namesRepeat;
    }

    /** Whether every scope is in {@link #rows()}: false past {@value #MAX_ROWS}. */
    public boolean rowsComplete() {
        return rowsComplete;
    }

    /** The scopes in the order they settled (the order they ended, per thread). */
    public List<NamedScope> rows() {
        return rows;
    }

    public List<ScopeNameSummary> byName() {
        List<ScopeNameSummary> summaries = new ArrayList<>();
        for (int id : firstSeen) {
            NameStats stats = byName[id];
            if (stats.calls > 0) {
                summaries.add(ScopeNameSummary.of(scopeNames.name(id), stats, estimates.get(id)));
            }
        }
        return summaries;
    }

    /** The estimator's figures by name id; set when the recording has been read. */
    public void estimates(Map<Integer, SampledEstimate> byNameId) {
        this.estimates = byNameId;
    }

    public ClassTally tally() {
        return tally;
    }

    public StringIds scopeNames() {
        return scopeNames;
    }
}

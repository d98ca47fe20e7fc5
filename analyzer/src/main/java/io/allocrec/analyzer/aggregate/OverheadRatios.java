package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.FinishedScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The post's overhead ratio: how much more a container retains than the baseline holding the
 * same pairs, as a fraction of the baseline. 0 means no overhead; 1 means twice the memory.
 */
public final class OverheadRatios {

    /** The baseline of the built-in sweep: two exactly sized arrays. */
    public static final String DEFAULT_BASELINE = "vec-pair";

    private OverheadRatios() {
    }

    /**
     * Each scope with its overhead ratio against the baseline's retained bytes at the same size
     * (the mean, where the baseline ran more than once at that size).
     */
    public static List<ScenarioRow> against(String baseline, List<NamedScope> scopes) {
        Map<Long, double[]> baselineBySize = new HashMap<>(); // size -> {sum, count}
        for (NamedScope scope : scopes) {
            FinishedScope figures = scope.figures();
            if (scope.name().equals(baseline) && figures.hasRetainedBytes()) {
                double[] sumAndCount = baselineBySize.computeIfAbsent(figures.size(), size -> new double[2]);
                sumAndCount[0] += figures.retainedBytes();
                sumAndCount[1]++;
            }
        }
        List<ScenarioRow> rows = new ArrayList<>(scopes.size());
        for (NamedScope scope : scopes) {
            double[] sumAndCount = baselineBySize.get(scope.figures().size());
            OptionalDouble ratio = OptionalDouble.empty();
            if (sumAndCount != null && scope.figures().hasRetainedBytes()) {
                double baselineBytes = sumAndCount[0] / sumAndCount[1];
                if (baselineBytes > 0) {
                    ratio = OptionalDouble.of((scope.figures().retainedBytes() - baselineBytes) / baselineBytes);
                }
            }
            rows.add(new ScenarioRow(scope, ratio));
        }
        return rows;
    }
}

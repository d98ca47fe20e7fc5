package io.allocrec.analyzer.aggregate;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's overhead ratio over the sweep: the post's "0.73 on average".
 *
 * @param scenario the scenario's name
 * @param runs     how many runs had a ratio
 * @param mean     mean ratio over the runs (each size weighs the same)
 * @param min      smallest ratio
 * @param max      largest ratio
 */
public record OverheadSummary(String scenario, long runs, double mean, double min, double max) {

    /** Per scenario, in order of first appearance; scenarios with no ratio at all are left out. */
    public static List<OverheadSummary> of(List<ScenarioRow> rows) {
        Map<String, DoubleSummaryStatistics> byScenario = new LinkedHashMap<>();
        for (ScenarioRow row : rows) {
            row.overheadRatio().ifPresent(ratio ->
                    byScenario.computeIfAbsent(row.scope().name(), name -> new DoubleSummaryStatistics()).accept(ratio));
        }
        List<OverheadSummary> summaries = new ArrayList<>();
        byScenario.forEach((name, stats) ->
                summaries.add(new OverheadSummary(name, stats.getCount(), stats.getAverage(), stats.getMin(), stats.getMax())));
        return summaries;
    }
}

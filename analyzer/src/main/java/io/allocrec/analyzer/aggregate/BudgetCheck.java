package io.allocrec.analyzer.aggregate;

import java.util.List;

/**
 * A budget held against the recordings' figure.
 *
 * @param figure   the scope name's figure for the budget's metric
 * @param exact    whether that figure is exact (otherwise a sampled estimate)
 * @param interval for a sampled figure, its 95% interval (low, high) scaled to the metric; null otherwise
 */
public record BudgetCheck(Budget budget, double figure, boolean exact, double[] interval) {

    public boolean exceeded() {
        return figure > budget.limit();
    }

    /** figure / limit - 1: 0.25 is 25% over. */
    public double over() {
        return budget.limit() == 0 ? (figure > 0 ? Double.POSITIVE_INFINITY : 0) : figure / budget.limit() - 1;
    }

    /** Checks each budget; every budget's scope must be among {@code names} and have the figure (else IllegalArgumentException). */
    public static List<BudgetCheck> of(List<Budget> budgets, List<ScopeNameSummary> names) {
        return budgets.stream().map(b -> {
            ScopeNameSummary s = names.stream().filter(n -> n.name().equals(b.scope())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("line " + b.line() + ": no scope named '" + b.scope() + "'"));
            Budget.Figure figure = b.figureOf(s);
            double value = figure.value().orElseThrow(() -> new IllegalArgumentException("line " + b.line() + ": '"
                    + b.scope() + "' has no exact figures, and " + b.metric() + " needs them (mean_bytes and "
                    + "total_bytes take sampled estimates)"));
            double[] interval = null;
            if (!figure.exact() && s.hasInterval() && b.metric() != Budget.Metric.calls) {
                double scale = b.metric() == Budget.Metric.mean_bytes ? 1.0 / s.calls() : 1.0;
                interval = new double[] {s.sampledLow() * scale, s.sampledHigh() * scale};
            }
            return new BudgetCheck(b, value, figure.exact(), interval);
        }).toList();
    }
}

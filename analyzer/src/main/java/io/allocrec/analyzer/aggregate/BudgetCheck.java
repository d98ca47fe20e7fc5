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

    private static final int LISTED = 20;

    /** Up to 20 names, quoted, for a message. */
    private static String listed(List<ScopeNameSummary> names) {
        List<String> quoted = names.stream().map(n -> "'" + n.name() + "'").sorted().limit(LISTED).toList();
        return names.size() + (names.size() == 1 ? " name: " : " names: ") + String.join(", ", quoted)
                + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
    }

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
                    .orElseThrow(() -> new IllegalArgumentException("line " + b.line() + ": no scope named '" + b.scope()
                            + "'; the recordings have " + listed(names)));
            Budget.Figure figure = b.figureOf(s);
            double value = figure.value().orElseThrow(() -> new IllegalArgumentException("line " + b.line() + ": not "
                    + "every call of '" + b.scope() + "' has an exact figure, and " + b.metric() + " needs them "
                    + "(mean_bytes and total_bytes take sampled estimates)"));
            if (!figure.exact() && b.metric() != Budget.Metric.calls && s.samples() == 0) {
                throw new IllegalArgumentException("line " + b.line() + ": '" + b.scope() + "' has no exact figures and "
                        + "no allocation sample landed in it, so its " + b.metric() + " cannot be judged (record it "
                        + "with allocrec scopes, or longer, or with more samples)");
            }
            double[] interval = null;
            if (!figure.exact() && s.hasInterval() && s.hasHigh() && b.metric() != Budget.Metric.calls) {
                double scale = b.metric() == Budget.Metric.mean_bytes ? 1.0 / s.calls() : 1.0;
                interval = new double[] {s.sampledLow() * scale, s.sampledHigh() * scale};
            }
            return new BudgetCheck(b, value, figure.exact(), interval);
        }).toList();
    }
}

package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ClassTally;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The terminal summary per scope name, largest total first. */
public final class ScopeTable {

    private static final int MAX_ROWS = 20;

    private ScopeTable() {
    }

    public static void print(List<ScopeNameSummary> summaries, ClassTally tally, PrintStream out) {
        out.println("Per scope name. Exact figures are bytes the thread allocated per call"
                + (summaries.stream().anyMatch(ScopeNameSummary::hasNested) ? " (marked *: includes nested scopes)" : "")
                + "; 'sampled' marks names without an exact figure, estimated from allocation samples, with a 95% "
                + "interval ('proven': the interval the samples prove, where the estimator could not fit the name).");
        int width = Math.max(5, summaries.stream().limit(MAX_ROWS)
                .mapToInt(s -> Math.min(60, PrintableText.of(s.name()).length() + 1)).max().orElse(5));
        String row = "%-" + width + "s %9s %14s %14s %14s %9s %25s  %s%n";
        out.printf(Locale.ROOT, row, "scope", "calls", "mean", "p50", "p99", "coverage", "sampled per call, interval",
                "top class (sampled)");
        summaries.stream()
                .sorted(Comparator.comparingDouble((ScopeNameSummary s) -> s.meanPerCall() * s.calls()).reversed())
                .limit(MAX_ROWS)
                .forEach(s -> {
                    String name = truncate(PrintableText.of(s.name()), width - 1) + (s.hasNested() ? "*" : "");
                    String top = tally.topClasses(s.nameId(), 1).stream().findFirst()
                            .map(e -> PrintableText.of(e.what())).orElse("-");
                    out.printf(Locale.ROOT, row, name, s.calls(),
                            s.meanIsExact() ? bytes(Math.round(s.meanPerCall())) : bytes(Math.round(s.meanPerCall())) + " sampled",
                            s.exactCalls() > 0 ? bytes(s.exactP50()) : "-",
                            s.exactCalls() > 0 ? bytes(s.exactP99()) : "-",
                            Double.isNaN(s.coverage()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.coverage()),
                            interval(s),
                            top);
                });
        if (summaries.size() > MAX_ROWS) {
            out.println("(" + (summaries.size() - MAX_ROWS) + " more names in scopes.csv)");
        }
    }

    /** Per call; a proven interval is marked, and one without an upper end reads "at least". */
    private static String interval(ScopeNameSummary s) {
        if (!s.hasInterval()) {
            return "-";
        }
        String mark = s.intervalProven() ? " proven" : "";
        if (!s.hasHigh()) {
            return String.format(Locale.ROOT, "at least %,d B%s", s.sampledLow() / s.calls(), mark);
        }
        return String.format(Locale.ROOT, "%,d to %,d B%s", s.sampledLow() / s.calls(), s.sampledHigh() / s.calls(), mark);
    }

    private static String bytes(long value) {
        return String.format(Locale.ROOT, "%,d B", value);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "~";
    }
}

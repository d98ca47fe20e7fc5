package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.ScopeDiff.Verdict;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The terminal view of a diff: regressions first, then improvements, then the rest. */
public final class DiffTable {

    private static final int MAX_ROWS = 30;

    private DiffTable() {
    }

    public static void print(List<ScopeDiff> diffs, double threshold, PrintStream out) {
        out.printf(Locale.ROOT, "Bytes per call, base -> new. Exact where every call had the thread's allocation "
                + "counter, else 'sampled'. Change with its 99%% interval; a name regressed (or improved) only when "
                + "the whole interval lies beyond +/-%.1f%%.%n", 100 * threshold);
        int width = Math.max(5, diffs.stream().limit(MAX_ROWS)
                .mapToInt(d -> Math.min(50, PrintableText.of(d.scope()).length())).max().orElse(5));
        String row = "%-" + width + "s  %-9s %16s %16s %9s  %-21s %s%n";
        out.printf(Locale.ROOT, row, "scope", "verdict", "base mean", "new mean", "change", "99% interval", "calls");
        diffs.stream().sorted(Comparator.comparingInt((ScopeDiff d) -> rank(d.verdict()))
                        .thenComparing(Comparator.comparingDouble((ScopeDiff d) -> Math.abs(nanToZero(d.change()))).reversed()))
                .limit(MAX_ROWS)
                .forEach(d -> out.printf(Locale.ROOT, row, truncate(PrintableText.of(d.scope()), width), d.verdict(),
                        bytes(d.baseMean(), d.exact()), bytes(d.newMean(), d.exact()), percent(d.change()),
                        interval(d), d.baseCalls() + " -> " + d.newCalls()));
        if (diffs.size() > MAX_ROWS) {
            out.println("(" + (diffs.size() - MAX_ROWS) + " more names in diff.csv)");
        }
        long regressed = diffs.stream().filter(d -> d.verdict() == Verdict.regressed).count();
        long improved = diffs.stream().filter(d -> d.verdict() == Verdict.improved).count();
        out.printf(Locale.ROOT, "%d regressed, %d improved, %d unchanged or on one side only.%n", regressed, improved,
                diffs.size() - regressed - improved);
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case regressed -> 0;
            case improved -> 1;
            case added, removed -> 2;
            case unchanged -> 3;
        };
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static String bytes(double mean, boolean exact) {
        if (Double.isNaN(mean)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,d B", Math.round(mean)) + (exact ? "" : " sampled");
    }

    static String percent(double change) {
        if (Double.isNaN(change)) {
            return "-";
        }
        if (Double.isInfinite(change)) {
            return change > 0 ? "+inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%+.2f%%", 100 * change);
    }

    private static String interval(ScopeDiff d) {
        if (Double.isNaN(d.changeLow())) {
            return "-";
        }
        if (Double.isInfinite(d.changeLow()) && Double.isInfinite(d.changeHigh())) {
            return "none (no interval)";
        }
        return percent(d.changeLow()) + " .. " + percent(d.changeHigh());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "~";
    }
}

package io.allocrec.analyzer.render;

import static io.allocrec.analyzer.render.HtmlReport.escape;

import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page's tables: figures per scope name, or verdicts per scope name. Every column says
 * whether it is exact or sampled and names its unit; bytes are whole bytes with thousands
 * separators, never rounded to MB.
 */
final class HtmlTables {

    private static final String NONE = "<td class=\"num none\">&mdash;</td>";

    private HtmlTables() {
    }

    /** The per-name figures, largest total first (as the terminal table). */
    static void summary(List<ScopeNameSummary> summaries, Writer out) throws IOException {
        List<ScopeNameSummary> rows = summaries.stream()
                .sorted(Comparator.comparingDouble((ScopeNameSummary s) -> s.meanPerCall() * s.calls()).reversed())
                .toList();
        long largest = Math.max(1, rows.stream().mapToLong(ScopeNameSummary::sampledBytes).max().orElse(1));
        out.write("<div class=\"table-scroll\"><table class=\"figures\" id=\"scope-table\">\n<thead>"
                + "<tr class=\"group\"><th rowspan=\"2\" style=\"text-align:left\">Scope name</th>"
                + "<th rowspan=\"2\" class=\"num\">Calls</th>"
                + "<th colspan=\"3\" class=\"sep\">Exact: bytes allocated per call</th>"
                + "<th colspan=\"4\" class=\"sep\">Sampled: bytes, nested scopes excluded</th>"
                + "<th rowspan=\"2\" class=\"num sep\">Coverage<br><small>sampled / exact</small></th>"
                + "<th rowspan=\"2\" class=\"num\">Samples</th></tr>\n"
                + "<tr><th class=\"num sep\">mean</th><th class=\"num\">median (p50)</th><th class=\"num\">p99</th>"
                + "<th class=\"num sep\">all calls</th><th class=\"num\">per call</th>"
                + "<th class=\"num\">95% interval, all calls</th>"
                + "<th class=\"num\">landed weight<br><small>the flame graph's total</small></th></tr></thead>\n<tbody>\n");
        for (ScopeNameSummary s : rows) {
            out.write("<tr><td class=\"name\"><a href=\"#flame\" data-flame=\"" + escape(s.name()) + "\" "
                    + "title=\"Show its flame graph\">" + escape(s.name()) + "</a>"
                    + (s.hasNested() ? "<span class=\"tag\" title=\"Other scopes ran inside some calls; the exact "
                            + "figures include their bytes, the sampled ones do not\">includes nested</span>" : "")
                    + "</td>");
            out.write(number(s.calls()));
            if (s.exactCalls() > 0) {
                String over = s.exactCalls() < s.calls()
                        ? "<span class=\"sub\">over " + count(s.exactCalls()) + " calls</span>" : "";
                out.write("<td class=\"num sep\">" + count(Math.round(s.exactMean())) + over + "</td>");
                out.write(number(s.exactP50()) + number(s.exactP99()));
            } else {
                out.write("<td class=\"num none sep\" title=\"No exact figure: the scopes ran on virtual threads or "
                        + "are another event type's\">&mdash;</td>" + NONE + NONE);
            }
            long share = Math.round(100.0 * s.sampledBytes() / largest);
            out.write("<td class=\"num sep\">" + count(s.sampledBytes()) + "<span class=\"meter\" title=\"" + share
                    + "% of the largest\"><i style=\"width:" + share + "%\"></i></span></td>");
            out.write(number(Math.round(s.sampledBytes() / (double) s.calls())));
            out.write(interval(s));
            out.write(number(s.sampleWeight()));
            out.write(Double.isNaN(s.coverage()) ? "<td class=\"num none sep\">&mdash;</td>"
                    : "<td class=\"num sep\">" + String.format(Locale.ROOT, "%.1f%%", 100 * s.coverage()) + "</td>");
            out.write(number(s.samples()) + "</tr>\n");
        }
        out.write("</tbody></table></div>\n<ul class=\"notes\">"
                + "<li><b>Exact</b>: the bytes each call's thread allocated, from its own allocation counter; "
                + "median and p99 within 0.1%. Where marked <i>includes nested</i>, scopes inside a call count "
                + "toward it too.</li>"
                + "<li><b>Sampled</b>: estimated from JFR's allocation samples, each sample counted in its innermost "
                + "scope only. The interval is the estimator's 95% interval; marked <i>proven</i>, the estimator could "
                + "not fit the name and the interval is the one the samples prove (each scope's proven bounds, "
                + "summed), which always holds however wide. <b>Landed weight</b> is the summed weights of the "
                + "samples that landed in these scopes: what the flame graph, stacks.collapsed and the pprof profile "
                + "add up; it can be off where samples land out of proportion to bytes.</li>"
                + "<li><b>Coverage</b>: sampled bytes (nested scopes included) over exact bytes, over the calls with "
                + "both: how much of the allocation the samples saw.</li></ul>\n");
    }

    /** The interval cell: the estimator's, or the proven one marked as such. */
    private static String interval(ScopeNameSummary s) {
        if (!s.hasInterval()) {
            return NONE;
        }
        String high = s.hasHigh() ? count(s.sampledHigh()) : "&infin;";
        String range = count(s.sampledLow()) + " &ndash; " + high;
        if (!s.intervalProven()) {
            return "<td class=\"num\">" + range + "</td>";
        }
        return "<td class=\"num\" title=\"The estimator could not fit this name: the interval the samples prove "
                + "(each scope's proven bounds, summed), which always holds\">" + range
                + "<span class=\"sub\">proven</span></td>";
    }

    /** One row per scope name compared, in the order given, with each verdict coloured. */
    static void diff(List<ScopeDiff> rows, Writer out) throws IOException {
        Map<ScopeDiff.Verdict, Integer> counts = new EnumMap<>(ScopeDiff.Verdict.class);
        rows.forEach(row -> counts.merge(row.verdict(), 1, Integer::sum));
        out.write("<div class=\"counts\">");
        for (Map.Entry<ScopeDiff.Verdict, Integer> verdict : counts.entrySet()) {
            out.write("<span><b>" + count(verdict.getValue()) + "</b><span class=\"verdict " + verdict.getKey() + "\">"
                    + verdict.getKey() + "</span></span>");
        }
        out.write("</div>\n<div class=\"table-scroll\"><table class=\"figures\" id=\"diff-table\">\n<thead>"
                + "<tr class=\"group\"><th rowspan=\"2\" style=\"text-align:left\">Scope name</th>"
                + "<th rowspan=\"2\" style=\"text-align:left\">Verdict</th>"
                + "<th colspan=\"2\" class=\"sep\">Calls</th>"
                + "<th colspan=\"2\" class=\"sep\">Mean bytes per call</th>"
                + "<th colspan=\"2\" class=\"sep\">Change of the mean</th>"
                + "<th colspan=\"2\" class=\"sep\">Exact bytes per call, base &rarr; new</th></tr>\n<tr>"
                + "<th class=\"num sep\">base</th><th class=\"num\">new</th>"
                + "<th class=\"num sep\">base</th><th class=\"num\">new</th>"
                + "<th class=\"num sep\">new / base &minus; 1</th><th class=\"num\">99% interval</th>"
                + "<th class=\"num sep\">median (p50)</th><th class=\"num\">p99</th></tr></thead>\n<tbody>\n");
        for (ScopeDiff row : rows) {
            out.write("<tr class=\"" + row.verdict() + "\"><td class=\"name\"><a href=\"#flame\" data-flame=\""
                    + escape(row.scope()) + "\" title=\"Show its differential flame graph\">" + escape(row.scope())
                    + "</a></td><td><span class=\"verdict " + row.verdict() + "\">" + row.verdict() + "</span>"
                    + "<span class=\"sub\">" + (row.exact() ? "exact figures" : "sampled estimates") + "</span></td>");
            out.write(sep(number(row.baseCalls())) + number(row.newCalls()));
            out.write(sep(mean(row.baseMean())) + mean(row.newMean()));
            String direction = Double.isNaN(row.change()) || row.change() == 0 ? "" : row.change() > 0 ? " up" : " down";
            out.write(Double.isNaN(row.change()) ? sep(NONE)
                    : "<td class=\"num sep" + direction + "\"><b>" + percent(row.change()) + "</b></td>");
            out.write(Double.isNaN(row.changeLow()) || Double.isNaN(row.changeHigh()) ? NONE
                    : "<td class=\"num\">" + percent(row.changeLow()) + " to " + percent(row.changeHigh()) + "</td>");
            out.write(sep(basedNew(row.baseP50(), row.newP50())) + basedNew(row.baseP99(), row.newP99()) + "</tr>\n");
        }
        out.write("</tbody></table></div>\n<ul class=\"notes\">"
                + "<li><b>Exact</b> rows compare the bytes each call's thread allocated (its allocation counter) on "
                + "both sides; <b>sampled estimate</b> rows compare estimates from allocation samples, whose "
                + "interval comes from theirs.</li>"
                + "<li><b>Regressed</b>: the whole 99% interval of the change lies above the threshold; "
                + "<b>improved</b>: below its negative; otherwise <b>unchanged</b>. <b>Added</b> and <b>removed</b> "
                + "names have calls on one side only.</li></ul>\n");
    }

    private static String sep(String cell) {
        return cell.replaceFirst("class=\"num", "class=\"num sep");
    }

    private static String number(long value) {
        return "<td class=\"num\">" + count(value) + "</td>";
    }

    private static String mean(double value) {
        return Double.isNaN(value) ? NONE : number(Math.round(value));
    }

    /** An exact percentile on both sides, base first; a dash for a side without one. */
    private static String basedNew(long base, long changed) {
        if (base < 0 && changed < 0) {
            return NONE;
        }
        return "<td class=\"num\">" + (base < 0 ? "&mdash;" : count(base)) + " &rarr; "
                + (changed < 0 ? "&mdash;" : count(changed)) + "</td>";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(double change) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * change).replace('-', '\u2212');
    }
}

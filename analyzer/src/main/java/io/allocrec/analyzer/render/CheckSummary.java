package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.BudgetCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** What {@code check} found: lines for the terminal and {@code summary.md} for a CI job's step summary. */
public final class CheckSummary {

    private CheckSummary() {
    }

    public static void print(List<BudgetCheck> checks, PrintStream out) {
        for (BudgetCheck c : checks) {
            out.println(PrintableText.of((c.exceeded() ? "EXCEEDED " : "ok       ") + c.budget().scope() + " "
                    + c.budget().metric() + ": " + figure(c) + (c.exceeded() ? " > " : " <= ") + limit(c)
                    + (c.exceeded() ? " (" + DiffTable.percent(c.over()) + ")" : "")));
        }
        long exceeded = checks.stream().filter(BudgetCheck::exceeded).count();
        out.println(exceeded == 0 ? "All " + checks.size() + " budgets hold."
                : exceeded + " of " + checks.size() + " budgets exceeded.");
    }

    /** @param warnings what the recordings lack that the figures would need (JFR's dropped events), a sentence each */
    public static void writeMarkdown(List<BudgetCheck> checks, List<String> warnings, Writer out) throws IOException {
        long exceeded = checks.stream().filter(BudgetCheck::exceeded).count();
        out.write(exceeded == 0 ? "### allocrec check: all " + checks.size() + " allocation budgets hold\n\n"
                : "### allocrec check: " + exceeded + " of " + checks.size() + " allocation budgets exceeded\n\n");
        for (String warning : warnings) {
            out.write("**Warning:** " + PrintableText.of(warning) + "\n\n");
        }
        out.write("| | scope | metric | figure | limit | over |\n|---|---|---|---:|---:|---:|\n");
        for (BudgetCheck c : checks) {
            out.write("| " + (c.exceeded() ? "❌" : "✅") + " | " + cell(c.budget().scope()) + " | " + c.budget().metric()
                    + " | " + figure(c) + " | " + limit(c) + " | " + (c.exceeded() ? DiffTable.percent(c.over()) : "") + " |\n");
        }
        out.write("\nExact figures come from the threads' allocation counters; 'sampled' ones are estimated from JFR "
                + "allocation samples, with their 95% interval.\n");
    }

    private static String figure(BudgetCheck c) {
        String unit = c.budget().metric().unit();
        // A mean keeps a decimal where it is not whole, so "65,536 B > 65,536 B" never appears.
        String text = c.figure() == Math.rint(c.figure())
                ? String.format(Locale.ROOT, "%,d %s", Math.round(c.figure()), unit)
                : String.format(Locale.ROOT, "%,.1f %s", c.figure(), unit);
        if (c.exact()) {
            return text;
        }
        return text + " sampled" + (c.interval() == null ? ""
                : String.format(Locale.ROOT, " (%,d to %,d)", Math.round(c.interval()[0]), Math.round(c.interval()[1])));
    }

    private static String limit(BudgetCheck c) {
        return String.format(Locale.ROOT, "%,d %s", c.budget().limit(), c.budget().metric().unit());
    }

    /** A table cell: printable, pipes escaped, as code so Markdown does not interpret it. */
    private static String cell(String text) {
        String printable = PrintableText.of(text).replace("|", "\\|").replace("`", "'");
        return "`" + printable + "`";
    }
}

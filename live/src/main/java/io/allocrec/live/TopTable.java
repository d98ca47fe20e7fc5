package io.allocrec.live;

import io.allocrec.analyzer.render.PrintableText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code top}'s table as text: a header that says what the window is and what each figure is, then
 * one row per scope name. Exact figures are plain numbers; sampled ones start with {@code ~} and
 * the row says how far off they may be. Bytes are bytes (no MB), with thousands separators.
 */
final class TopTable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    /** The columns after the name: calls/s, B/s, mean, p99, figures. */
    private static final String FIGURES = " %11s %15s %12s %12s  %s%n";
    private static final int FIGURES_WIDTH = 1 + 11 + 1 + 15 + 1 + 12 + 1 + 12 + 2 + "~ +-100% of 1,000 samples".length();
    private static final int NARROWEST_NAME = 24;
    /** Lines above the rows: the title, the JVM line, a blank, the column names. */
    static final int HEADER_LINES = 4;

    private final long pid;
    private final String jvmDescription;

    TopTable(long pid, String jvmDescription) {
        this.pid = pid;
        this.jvmDescription = jvmDescription;
    }

    /**
     * The table of {@code window}, its rows already sorted, at most {@code maxRows} of them, names
     * shortened to fit {@code columns} (0: as long as they are).
     */
    String render(LiveTally.Window window, List<ScopeRate> sorted, int maxRows, boolean withDate, int columns) {
        StringBuilder out = new StringBuilder();
        Instant from = Instant.ofEpochSecond(window.fromSecond());
        Instant to = Instant.ofEpochSecond(window.toSecond());
        out.append(String.format(Locale.ROOT, "allocrec top  JVM %d (%s)  %s%s to %s (%d s)  exact: bytes each call's "
                        + "thread allocated%n", pid, jvmDescription,
                withDate ? to.atZone(ZoneId.systemDefault()).toLocalDate() + " " : "",
                CLOCK.format(from), CLOCK.format(to), window.seconds()));
        out.append(String.format(Locale.ROOT, "JVM allocation ~%s B/s (~ sampled from %,d JFR allocation samples; "
                        + "+-N%%: a 95%% interval)%s%n",
                grouped(window.jvmSampledWeight() / (double) window.seconds()), window.jvmSamples(),
                scopedShare(window)));
        out.append('\n');
        int longest = sorted.stream().limit(maxRows).mapToInt(r -> PrintableText.of(r.name()).length()).max().orElse(0);
        int nameWidth = Math.max("SCOPE".length(), columns > 0
                ? Math.min(longest, Math.max(NARROWEST_NAME, columns - FIGURES_WIDTH)) : longest);
        String row = "%-" + nameWidth + "s" + FIGURES;
        out.append(String.format(Locale.ROOT, row, "SCOPE", "CALLS/S", "B/S", "MEAN B/CALL", "P99 B/CALL", "FIGURES"));
        if (sorted.isEmpty()) {
            out.append("(no scope ended in this window)\n");
        }
        int shown = 0;
        for (ScopeRate rate : sorted) {
            if (shown == maxRows) {
                out.append(String.format(Locale.ROOT, "... %d more name(s)%n", sorted.size() - shown));
                break;
            }
            out.append(row(rate, row, nameWidth));
            shown++;
        }
        return out.toString();
    }

    private static String row(ScopeRate rate, String row, int nameWidth) {
        boolean exact = rate.isExact();
        String mark = exact ? "" : "~";
        String figures;
        if (exact) {
            figures = "exact";
        } else if (rate.samples() == 0) {
            figures = "~ no sample landed";
        } else {
            figures = String.format(Locale.ROOT, "~ +-%.0f%% of %,d samples", 100 * rate.sampledRelativeHalfWidth(),
                    rate.samples());
        }
        return String.format(Locale.ROOT, row, fit(PrintableText.of(rate.name()), nameWidth),
                String.format(Locale.ROOT, "%,.1f", rate.callsPerSecond()),
                mark + grouped(rate.bytesPerSecond()), mark + String.format(Locale.ROOT, "%,d", rate.meanBytesPerCall()),
                rate.exactP99() < 0 ? "-" : String.format(Locale.ROOT, "%,d", rate.exactP99()), figures);
    }

    private static String scopedShare(LiveTally.Window window) {
        long claimed = window.scopes().stream().mapToLong(ScopeRate::sampledWeight).sum();
        if (window.jvmSampledWeight() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", %.0f%% of it in scopes", 100.0 * claimed / window.jvmSampledWeight());
    }

    private static String abbreviatePackage(String name) {
        int member = name.indexOf("::");
        int lastDot = name.lastIndexOf('.', member < 0 ? name.length() - 1 : member);
        if (lastDot < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.substring(0, lastDot).split("\\.")) {
            out.append(part.isEmpty() ? "" : part.substring(0, 1)).append('.');
        }
        return out.append(name.substring(lastDot + 1)).toString();
    }

    private static String grouped(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /**
     * Makes a name fit: first its package shortened to initials ({@code c.s.Orders::handle}), as
     * logging layouts do, then, if still too long, cut in the middle, keeping the method.
     */
    static String fit(String name, int width) {
        if (name.length() <= width) {
            return name;
        }
        String shorter = abbreviatePackage(name);
        if (shorter.length() <= width) {
            return shorter;
        }
        int keep = width - 3;
        name = shorter;
        return name.substring(0, keep / 3) + "..." + name.substring(name.length() - (keep - keep / 3));
    }
}

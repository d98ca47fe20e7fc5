package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.Breakdown;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.aggregate.SweepTimes;
import io.allocrec.analyzer.load.SweepTiming;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The terminal's view of a sweep's time and of where its bytes go, at one size. */
public final class SpaceTimeTable {

    private static final int CLASSES_SHOWN = 4;

    private SpaceTimeTable() {
    }

    public static void printTimes(List<ScenarioRow> rows, SweepTimes times, long size, PrintStream out) {
        out.printf(Locale.ROOT, "Time and space at %,d elements. ns per element: mean +- the harness's stated error "
                + "(warmed up, repeated, measured apart from the allocation figures); bytes: retained, exact.%n", size);
        String row = "%-24s %16s %22s %22s%n";
        out.printf(Locale.ROOT, row, "scenario", "bytes/element", "insert ns/element", "lookup ns/element");
        for (String scenario : times.scenarios()) {
            Optional<ScenarioRow> point = rows.stream().filter(r -> r.scope().name().equals(scenario)
                    && r.scope().figures().size() == size).findFirst();
            String bytes = point.filter(r -> r.scope().figures().hasRetainedBytes())
                    .map(r -> String.format(Locale.ROOT, "%,.1f", r.scope().figures().retainedBytes() / (double) size))
                    .orElse("-");
            out.printf(Locale.ROOT, row, truncate(PrintableText.of(scenario), 24), bytes,
                    nanos(times.of(scenario, size, SweepTimes.INSERT)), nanos(times.of(scenario, size, SweepTimes.LOOKUP)));
        }
    }

    public static void printBreakdown(Breakdown breakdown, long size, PrintStream out) {
        out.printf(Locale.ROOT, "Where each element's bytes go at %,d elements (retained bytes per element by class, "
                + "exact: JOL's class histogram):%n", size);
        for (String scenario : breakdown.scenariosAt(size)) {
            List<Breakdown.Share> shares = breakdown.of(scenario, size);
            // The structure's own object (a TreeMap, an ArrayList) weighs nothing per element at large sizes.
            String top = shares.stream().filter(s -> s.bytesPerElement() >= 0.05).limit(CLASSES_SHOWN)
                    .map(s -> String.format(Locale.ROOT, "%s %.1f", SpaceTimeCharts.simpleName(s.className()),
                            s.bytesPerElement()))
                    .collect(Collectors.joining(" + "));
            double rest = shares.stream().filter(s -> s.bytesPerElement() >= 0.05).skip(CLASSES_SHOWN)
                    .mapToDouble(Breakdown.Share::bytesPerElement).sum()
                    + shares.stream().filter(s -> s.bytesPerElement() < 0.05).mapToDouble(Breakdown.Share::bytesPerElement).sum();
            out.printf(Locale.ROOT, "  %-24s %7.1f B = %s%s%n", truncate(PrintableText.of(scenario), 24),
                    breakdown.total(scenario, size) / (double) size, top,
                    rest >= 0.05 ? String.format(Locale.ROOT, " + other %.1f", rest) : "");
        }
    }

    private static String nanos(Optional<SweepTiming> timing) {
        return timing.filter(t -> Double.isFinite(t.nanosPerElement()))
                .map(t -> String.format(Locale.ROOT, "%,.2f +- %,.2f", t.nanosPerElement(),
                        Double.isFinite(t.error()) ? t.error() : Double.NaN))
                .orElse("-");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "~";
    }
}

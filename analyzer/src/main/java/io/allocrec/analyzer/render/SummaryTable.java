package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.OverheadSummary;
import io.allocrec.analyzer.aggregate.SamplingAccuracy;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The terminal summary: overhead ratio per scenario over the sweep, and how good the samples were. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static void print(List<OverheadSummary> summaries, String baseline, Optional<SamplingAccuracy> accuracy,
                             PrintStream out) {
        if (summaries.isEmpty()) {
            out.println("No overhead ratios: the recording has no '" + PrintableText.of(baseline)
                    + "' runs with retained bytes at the sizes of the others (choose one with --baseline).");
        } else {
            out.println("Overhead ratio = (retained - " + PrintableText.of(baseline) + " retained) / "
                    + PrintableText.of(baseline) + " retained, at the same size; retained bytes are exact.");
            int width = Math.max("scenario".length(),
                    summaries.stream().mapToInt(s -> PrintableText.of(s.scenario()).length()).max().orElse(0));
            String row = "%-" + width + "s  %5s  %8s  %8s  %8s%n";
            out.printf(row, "scenario", "sizes", "mean", "min", "max");
            for (OverheadSummary s : summaries) {
                out.printf(row, PrintableText.of(s.scenario()), s.runs(),
                        ratio(s.mean()), ratio(s.min()), ratio(s.max()));
            }
        }
        accuracy.ifPresentOrElse(a -> out.printf(
                "Sampled vs exact allocated bytes, over the %d runs allocating %,d bytes or more: worst error %.2f%% (%s, size %d).%n",
                a.scopes(), a.threshold(), a.worst() * 100, PrintableText.of(a.worstScope().name()),
                a.worstScope().figures().size()),
                () -> out.println("No run allocated 10 MiB or more: sampled figures (sampled_bytes) are rough estimates only."));
    }

    private static String ratio(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}

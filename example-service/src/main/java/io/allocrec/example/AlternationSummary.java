package io.allocrec.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What {@code ThroughputComparison --same-jvm} says about the windows of one profile's alternations. */
final class AlternationSummary {

    private AlternationSummary() {
    }

    /** Every measured window, so that the comparison can be checked or redone another way. */
    static void write(List<List<Window>> jvms, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("jvm,recording,start_ms,duration_ns,requests,cpu_ns");
        for (int jvm = 0; jvm < jvms.size(); jvm++) {
            for (Window window : jvms.get(jvm)) {
                lines.add((jvm + 1) + "," + (window.recording() ? "on" : "off") + "," + window.startMillis() + ","
                        + window.durationNanos() + "," + window.requests() + "," + window.cpuNanos());
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.out.println("  windows: " + file);
    }

    /** Prints the median windows of each kind and the paired changes with their intervals. */
    static void print(String subject, String onMeans, List<List<Window>> jvms) {
        List<Window> on = new ArrayList<>();
        List<Window> off = new ArrayList<>();
        for (List<Window> windows : jvms) {
            for (Window window : windows) {
                (window.recording() ? on : off).add(window);
            }
        }
        System.out.printf(Locale.ROOT, "%s, same JVM: %d windows on, %d off (on: %s)%n", subject, on.size(),
                off.size(), onMeans);
        if (on.isEmpty() || off.isEmpty()) {
            System.out.println("  no pair of windows in the measured interval: measure longer (--seconds)");
            return;
        }
        System.out.printf(Locale.ROOT, "  requests/s, median window: off %.1f, on %.1f%n",
                ThroughputComparison.median(off.stream().mapToDouble(Window::requestsPerSecond).toArray()),
                ThroughputComparison.median(on.stream().mapToDouble(Window::requestsPerSecond).toArray()));
        System.out.printf(Locale.ROOT, "  service CPU per request, median window: off %.1f us, on %.1f us%n",
                ThroughputComparison.median(off.stream().mapToDouble(Window::cpuMicrosPerRequest).toArray()),
                ThroughputComparison.median(on.stream().mapToDouble(Window::cpuMicrosPerRequest).toArray()));
        printChange("requests/s", onMeans, changes(jvms, Window::requestsPerSecond));
        printChange("service CPU per request", onMeans, changes(jvms, Window::cpuMicrosPerRequest));
    }

    /** The paired changes of every JVM: pairs are only taken within one. */
    private static double[] changes(List<List<Window>> jvms, ToDoubleFunction<Window> metric) {
        return jvms.stream().flatMapToDouble(windows -> Arrays.stream(PairedWindows.changes(windows, metric)))
                .toArray();
    }

    private static void printChange(String what, String onMeans, double[] values) {
        PairedWindows.median(values).ifPresentOrElse(
                change -> System.out.printf(Locale.ROOT, "  %s " + onMeans + ": %+.2f%% (median of %d "
                                + "on-windows, each against the off-windows either side, no window used twice; 95%% "
                                + "confidence interval %+.2f%% to %+.2f%%)%n", what, change.median() * 100, change.pairs(),
                        change.low() * 100, change.high() * 100),
                () -> System.out.printf(Locale.ROOT, "  %s: only %d independent on-windows, too few "
                        + "for a confidence interval: measure longer%n", what, values.length));
    }
}

package io.allocrec.example;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One measured window of {@link Alternation}: recording on or off, what the service did in it. */
record Window(boolean recording, long startMillis, long durationNanos, long requests, long cpuNanos) {

    private static final Pattern LINE = Pattern.compile("window (on|off) (\\d+) (\\d+) (\\d+) (\\d+)");

    /** The window a line printed by {@link Alternation} describes; empty for any other line. */
    static Optional<Window> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Window(matcher.group(1).equals("on"), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5))));
    }

    long endMillis() {
        return startMillis + durationNanos / 1_000_000;
    }

    double requestsPerSecond() {
        return requests * 1e9 / durationNanos;
    }

    /** The process's CPU time per request in microseconds; NaN when it served none. */
    double cpuMicrosPerRequest() {
        return requests == 0 ? Double.NaN : cpuNanos / 1_000.0 / requests;
    }
}

package io.allocrec.attach;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration as {@code jcmd JFR.start duration=} takes it: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a one-line message when the text is not a positive duration */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: give a whole number with ms, s, m or h, "
                    + "such as 30s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is no time at all: the recording needs a duration above zero");
        }
        return duration;
    }

    /** The duration in the form {@code jcmd JFR.start} takes, in whole seconds rounded up. */
    static String forJcmd(Duration duration) {
        return (duration.toMillis() + 999) / 1000 + "s";
    }
}

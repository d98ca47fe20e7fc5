package io.allocrec.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text-format scrape (version 0.0.4), parsed as a scraper would: one
 * {@code name{label="value",...} number} per line, comments skipped. Only what the tests read.
 */
final class PrometheusScrape {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(m.group(1), labels, parseValue(m.group(3))));
        }
        return new PrometheusScrape(samples);
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The value of the one sample of {@code name} with this scope label, or NaN when absent. */
    double value(String name, String scope) {
        double found = Double.NaN;
        for (Sample s : samples) {
            if (s.name().equals(name) && scope.equals(s.labels().get("scope"))) {
                if (!Double.isNaN(found)) {
                    throw new IllegalStateException("two samples of " + name + " for scope " + scope);
                }
                found = s.value();
            }
        }
        return found;
    }

    /** The cumulative bucket counts of {@code histogram}'s scope, by upper bound ({@code le}), in order. */
    Map<Double, Double> buckets(String histogram, String scope) {
        Map<Double, Double> byBound = new java.util.TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(histogram + "_bucket") && scope.equals(s.labels().get("scope"))) {
                byBound.put(parseValue(s.labels().get("le")), s.value());
            }
        }
        return byBound;
    }

    /** Every value of the scope label among the samples whose name starts with {@code prefix}. */
    Set<String> scopes(String prefix) {
        Set<String> scopes = new TreeSet<>();
        for (Sample s : samples) {
            if (s.name().startsWith(prefix) && s.labels().containsKey("scope")) {
                scopes.add(s.labels().get("scope"));
            }
        }
        return scopes;
    }

    boolean hasAny(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }
}

package io.allocrec.analyzer;

import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.recorder.ScenarioEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.apache.commons.csv.CSVRecord;

/**
 * What a recording of allocrec scopes says that both a report and the JDK's own reader can
 * derive: every scope (name, size, exact allocated bytes) and every allocation sample by the scope
 * it landed in (the innermost one open on its thread at its time), its stack and its class, with
 * their count and summed weight. The fuzz suite's oracle: a report that succeeds must say what the
 * JDK's reader reads in the same file.
 *
 * @param scopes  one "name size allocated" per scope, sorted ("" for an unknown allocated figure)
 * @param samples "scope|class;leaf frame;...;outermost frame" to {count, bytes}
 */
record RecordingFigures(List<String> scopes, Map<String, List<Long>> samples) {

    /**
     * A lambda's class as the JDK's reader names it, "Main$$Lambda$548+0x00007f74c20e3830.243194708"
     * (JDK 17) or "Main$$Lambda/0x..." (JDK 21 on; "/" read as "."): reports leave out the numbers, which change from run to run.
     */
    private static final Pattern LAMBDA_NUMBERS = Pattern.compile("\\$\\$Lambda(\\$\\d+)?([+/.]0x\\p{XDigit}+)?(\\.\\d+)?");

    /** What the JDK's reader makes of the file ({@link jdk.jfr.consumer.RecordingFile}). */
    static RecordingFigures fromJdkReader(Path file) throws IOException {
        Map<Long, List<RecordedEvent>> scopesByThread = new HashMap<>();
        List<RecordedEvent> samples = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals(ScenarioEvent.NAME)) {
                    long allocated = event.hasField("allocatedBytes") ? event.getLong("allocatedBytes") : ScenarioEvent.UNKNOWN;
                    scopes.add(scopeName(event) + " " + (event.hasField("size") ? event.getLong("size") : 0) + " "
                            + (allocated == ScenarioEvent.UNKNOWN ? "" : Long.toString(allocated)));
                    scopesByThread.computeIfAbsent(threadId(event), t -> new ArrayList<>()).add(event);
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    samples.add(event);
                }
            }
        }
        Collections.sort(scopes);
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (RecordedEvent sample : samples) {
            String scope = innermostScope(scopesByThread.getOrDefault(threadId(sample), List.of()), sample);
            List<String> stack = new ArrayList<>();
            stack.add(className(sample.getClass("objectClass")));
            if (sample.getStackTrace() == null) {
                stack.add(StackProfile.NO_STACK);
            } else {
                for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
                    stack.add(LAMBDA_NUMBERS.matcher(methodName(frame.getMethod())).replaceAll("\\$\\$Lambda"));
                }
            }
            add(byKey, scope + "|" + String.join(";", stack), 1, sample.hasField("weight") ? sample.getLong("weight") : 0);
        }
        return new RecordingFigures(List.copyOf(scopes), byKey);
    }

    /** What a report wrote into {@code folder}: its scenarios.csv and its pprof profile. */
    static RecordingFigures fromReport(Path folder) throws IOException {
        List<String> scopes = new ArrayList<>();
        for (CSVRecord row : CsvRows.read(folder.resolve("scenarios.csv")).rows()) {
            scopes.add(row.get("scenario") + " " + row.get("size") + " " + row.get("allocated_bytes"));
        }
        Collections.sort(scopes);
        DecodedPprof pprof = DecodedPprof.ofGzip(Files.readAllBytes(folder.resolve("allocations.pb.gz")));
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (DecodedPprof.Sample sample : pprof.samples()) {
            add(byKey, DecodedPprof.label(sample, "scope") + "|" + String.join(";", pprof.stack(sample)),
                    sample.values().get(0), sample.values().get(1));
        }
        return new RecordingFigures(List.copyOf(scopes), byKey);
    }

    /** The first difference from {@code expected}, in words; null when there is none. */
    String differenceFrom(RecordingFigures expected) {
        if (!scopes.equals(expected.scopes)) {
            List<String> missing = new ArrayList<>(expected.scopes);
            scopes.forEach(missing::remove);
            List<String> unexpected = new ArrayList<>(scopes);
            expected.scopes.forEach(unexpected::remove);
            return "scopes: " + scopes.size() + " where " + expected.scopes.size() + " were expected; missing "
                    + first(missing) + ", not expected " + first(unexpected);
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        expected.samples.forEach((key, value) -> {
            if (!value.equals(samples.get(key))) {
                missing.add(shortKey(key) + " " + value);
            }
        });
        samples.forEach((key, value) -> {
            if (!value.equals(expected.samples.get(key))) {
                unexpected.add(shortKey(key) + " " + value);
            }
        });
        return missing.isEmpty() && unexpected.isEmpty() ? null
                : "samples {count, bytes}: expected " + first(missing) + ", reported " + first(unexpected);
    }

    private static String first(List<String> items) {
        return items.isEmpty() ? "none" : items.size() == 1 ? items.get(0) : items.get(0) + " and " + (items.size() - 1) + " more";
    }

    /** "scope|class;leaf;...", cut to the scope, the class and three frames, with the number of frames. */
    private static String shortKey(String key) {
        String[] parts = key.split(";");
        return parts.length <= 4 ? key : String.join(";", java.util.Arrays.copyOf(parts, 4)) + ";... ("
                + (parts.length - 1) + " frames)";
    }

    private static void add(Map<String, List<Long>> byKey, String key, long count, long bytes) {
        byKey.merge(key, List.of(count, bytes), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
    }

    private static long threadId(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    /** The innermost scope on the sample's thread open at its time: the one that started last. */
    private static String innermostScope(List<RecordedEvent> scopes, RecordedEvent sample) {
        RecordedEvent innermost = null;
        for (RecordedEvent scope : scopes) {
            boolean open = !scope.getStartTime().isAfter(sample.getStartTime())
                    && !scope.getEndTime().isBefore(sample.getStartTime());
            if (open && (innermost == null || scope.getStartTime().isAfter(innermost.getStartTime()))) {
                innermost = scope;
            }
        }
        return innermost == null ? StackProfile.OUTSIDE : scopeName(innermost);
    }

    // A reference the pools do not hold reads as null; the report words it as JMC does.

    /** A scope's name; a scope event without a name field (its metadata changed) is named by its type. */
    private static String scopeName(RecordedEvent scope) {
        if (!scope.hasField("name")) {
            return ScenarioEvent.NAME;
        }
        String name = scope.getString("name");
        return name == null ? "" : name;
    }

    private static String className(RecordedClass type) {
        String name = nameOf(type);
        return name == null ? "(unknown class)" : binaryName(name);
    }

    private static String methodName(RecordedMethod method) {
        if (method == null) {
            return "?.?";
        }
        String type = nameOf(method.getType());
        return (type == null ? "?" : binaryName(type)) + "." + (method.getName() == null ? "?" : method.getName());
    }

    /** A class's name; null when it has none (the JDK's reader then throws from getName). */
    private static String nameOf(RecordedClass type) {
        if (type == null) {
            return null;
        }
        try {
            return type.getName();
        } catch (NullPointerException noName) {
            return null;
        }
    }

    /** A class as the report names it: "byte[]" where the JDK's reader says "[B". */
    static String binaryName(String jvmName) {
        int dimensions = 0;
        while (dimensions < jvmName.length() && jvmName.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return jvmName;
        }
        String element = jvmName.substring(dimensions);
        String name = switch (element) {
            case "B" -> "byte";
            case "C" -> "char";
            case "D" -> "double";
            case "F" -> "float";
            case "I" -> "int";
            case "J" -> "long";
            case "S" -> "short";
            case "Z" -> "boolean";
            default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        };
        return name + "[]".repeat(dimensions);
    }
}

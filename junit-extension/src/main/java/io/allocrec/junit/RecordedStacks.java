package io.allocrec.junit;

import io.allocrec.junit.TopStacks.StackShare;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads one thread's {@code jdk.ObjectAllocationSample} events from a recording into
 * {@link TopStacks}.
 *
 * <p>A sample's weight is the bytes its thread allocated since its previous sample, so the first
 * sample of a window also weighs bytes allocated before the window: it is left out when there are
 * others. Each stack leaves out this library's frames and ends where JUnit called the test, so
 * what is left is the code under test and the test.
 */
final class RecordedStacks {

    static final String SAMPLE_EVENT = "jdk.ObjectAllocationSample";
    private static final int MAX_FRAMES = 8;
    /**
     * This library's frames (the re-run loop, the extension): left out of the stacks shown, as are
     * the JDK's generated lambda classes between a caller and its lambda's body.
     */
    private static final List<String> OWN = List.of("io.allocrec.junit.AllocationAssertions",
            "io.allocrec.junit.AllocationBudgetExtension");
    /** Where JUnit calls the test: the stacks shown end here. */
    private static final List<String> CALLERS = List.of("org.junit.", "jdk.internal.reflect.",
            "java.lang.reflect.", "java.lang.invoke.", "sun.reflect.");

    private RecordedStacks() {
    }

    /**
     * Reads the samples one thread took within a time window.
     *
     * @param recording a JFR file
     * @param javaThreadId the thread's {@code Thread.getId()}
     * @param from the window's start
     * @param to the window's end
     * @return the thread's stacks; no shares when the recording holds no sample of the thread
     * @throws IOException when the file cannot be read
     */
    static TopStacks read(Path recording, long javaThreadId, Instant from, Instant to) throws IOException {
        List<RecordedEvent> samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedThread thread = event.getThread();
                if (event.getEventType().getName().equals(SAMPLE_EVENT) && thread != null
                        && thread.getJavaThreadId() == javaThreadId
                        && !event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to)) {
                    samples.add(event);
                }
            }
        }
        samples.sort(Comparator.comparing(RecordedEvent::getStartTime));
        if (samples.size() > 1) {
            samples.remove(0);
        }
        Map<List<String>, StackShare> byStack = new HashMap<>();
        long total = 0;
        for (RecordedEvent sample : samples) {
            long weight = sample.getLong("weight");
            total += weight;
            String allocated = javaName(sample.getClass("objectClass"));
            List<String> frames = frames(sample.getStackTrace());
            List<String> key = new ArrayList<>(frames);
            key.add(0, allocated);
            byStack.merge(key, new StackShare(allocated, frames, weight, 1), (a, b) ->
                    new StackShare(a.allocatedClass(), a.frames(), a.bytes() + b.bytes(), a.samples() + 1));
        }
        List<StackShare> shares = new ArrayList<>(byStack.values());
        shares.sort(Comparator.comparingLong(StackShare::bytes).reversed()
                .thenComparing(share -> share.frames().toString()));
        return new TopStacks(List.copyOf(shares), samples.size(), total);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> shown = new ArrayList<>();
        if (stack == null) {
            return shown;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.contains("$$Lambda") || OWN.stream().anyMatch(own -> type.equals(own) || type.startsWith(own + "$"))) {
                continue;
            }
            if (!shown.isEmpty() && CALLERS.stream().anyMatch(type::startsWith)) {
                break;
            }
            String method = type + "." + frame.getMethod().getName();
            shown.add(frame.getLineNumber() > 0 ? method + " line " + frame.getLineNumber() : method);
            if (shown.size() == MAX_FRAMES) {
                break;
            }
        }
        return shown;
    }

    /** {@code long[]} rather than JFR's {@code [J}. */
    private static String javaName(RecordedClass type) {
        if (type == null) {
            return "(unknown class)";
        }
        String name = type.getName();
        int dimensions = 0;
        while (dimensions < name.length() && name.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return name;
        }
        String element = switch (name.charAt(dimensions)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> name.substring(dimensions + 1, name.length() - 1).replace('/', '.');
        };
        return element + "[]".repeat(dimensions);
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.load.RecordingFile;
import io.allocrec.analyzer.load.RecordingFiles;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.CollapsedStacks;
import io.allocrec.analyzer.render.PprofProfile;
import io.allocrec.recorder.AllocationScope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stacks.collapsed} and {@code allocations.pb.gz} from a real recording, read back (the
 * pprof profile with Google's protobuf reader) and checked against the JDK's own reader of the
 * same recording ({@link jdk.jfr.consumer.RecordingFile}) and against the per-name figures of the analysis.
 */
class StackFormatsTest {

    private static final String ORDERS = "GET /orders";
    /** A name that would break the collapsed format as it is: a frame separator and a line break. */
    private static final String ODD = "odd;name\nline two";
    private static final String ODD_COLLAPSED = "odd,name?line two";
    private static final String WORKER_RUN = StackFormatsTest.class.getName() + "$Worker.run";
    private static final String HANDLE_ORDERS = StackFormatsTest.class.getName() + ".handleOrders";
    private static final String ALLOCATE_BYTES = StackFormatsTest.class.getName() + ".allocateBytes";
    /** The requests' stack as the JDK's reader gives it: class first (by its descriptor), then leaf to root. */
    private static final List<String> JDK_ORDERS_STACK = List.of("[B", ALLOCATE_BYTES, HANDLE_ORDERS, WORKER_RUN);

    private static volatile Object sink;

    @TempDir
    static Path folder;

    private static Analysed withStacks;
    private static Analysed withoutStacks;

    /** What the analyzer made of a recording, and what the JDK's reader finds in it. */
    private record Analysed(Path recording, long startNanos, ReportAggregates aggregates, StackProfile profile,
                            long jdkSampleWeight, long jdkSamples, Map<List<String>, Long> jdkWeightByStack) {

        static Analysed of(Path recording) throws Exception {
            List<RecordingFile> files = RecordingFiles.resolve(List.of(recording), false,
                    warning -> {
                        throw new AssertionError(warning);
                    });
            RecordingAnalysis.Result result = new RecordingAnalysis(ScopeSelection.scenarios(), 2)
                    .run(files, new AtomicLong(), new AtomicLong());
            long weight = 0;
            long samples = 0;
            Map<List<String>, Long> byStack = new HashMap<>();
            for (RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
                if (event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                    weight += event.getLong("weight");
                    samples++;
                    if (event.getStackTrace() != null) {
                        List<String> frames = new ArrayList<>();
                        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                        }
                        frames.add(0, event.getClass("objectClass").getName());
                        byStack.merge(frames, event.getLong("weight"), Long::sum);
                    }
                }
            }
            return new Analysed(recording, files.get(0).chunks().get(0).startNanos(), result.aggregates(),
                    result.aggregates().tally().stackProfile(), weight, samples, byStack);
        }

        /** The landed sample weight of each scope name, from the per-name figures. */
        Map<String, Long> weightByName() {
            Map<String, Long> byName = new TreeMap<>();
            for (ScopeNameSummary name : aggregates.byName()) {
                byName.put(name.name(), name.sampleWeight());
            }
            return byName;
        }
    }

    @BeforeAll
    static void recordAndAnalyse() throws Exception {
        withStacks = Analysed.of(TestRecordings.record(folder.resolve("stacks.jfr"), StackFormatsTest::serve));
        withoutStacks = Analysed.of(TestRecordings.record(folder.resolve("no-stacks.jfr"),
                recording -> recording.enable("jdk.ObjectAllocationSample").withoutStackTrace(), StackFormatsTest::serve));
    }

    @Test
    void collapsedTotalsAreThePerNameFiguresAndTheJdkReadersWeights() throws IOException {
        Map<String, Long> byRoot = new TreeMap<>();
        for (Line line : collapsed(withStacks.profile())) {
            byRoot.merge(line.frames().get(0), line.bytes(), Long::sum);
        }
        Map<String, Long> byName = withStacks.weightByName();
        assertEquals(List.of(ORDERS, ODD), List.copyOf(byName.keySet()));
        assertTrue(byName.values().stream().allMatch(bytes -> bytes > 0), byName.toString());
        assertEquals(byName.get(ORDERS), byRoot.get(ORDERS));
        assertEquals(byName.get(ODD), byRoot.get(ODD_COLLAPSED));
        assertEquals(List.of(StackProfile.OUTSIDE, ORDERS, ODD_COLLAPSED), List.copyOf(byRoot.keySet()));
        assertEquals(withStacks.jdkSampleWeight(), byRoot.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void collapsedFramesRunFromTheScopeOutwardsInToTheAllocatingFrameAndTheClass() throws IOException {
        List<String> expected = List.of(ORDERS, WORKER_RUN, HANDLE_ORDERS, ALLOCATE_BYTES, "byte[]");
        List<Line> orders = collapsed(withStacks.profile()).stream().filter(l -> l.frames().equals(expected)).toList();
        assertEquals(1, orders.size(), "one line for the stack " + expected);
        assertEquals(withStacks.jdkWeightByStack().get(JDK_ORDERS_STACK), orders.get(0).bytes());
    }

    @Test
    void collapsedSamplesWithoutStackTracesHaveOneFrameThatSaysSo() throws IOException {
        List<Line> lines = collapsed(withoutStacks.profile());
        assertTrue(lines.size() >= 3, lines.toString());
        for (Line line : lines) {
            assertEquals(3, line.frames().size(), line.toString());
            assertEquals(StackProfile.NO_STACK, line.frames().get(1));
        }
        assertTrue(lines.stream().anyMatch(l -> l.frames().equals(List.of(ORDERS, StackProfile.NO_STACK, "byte[]"))));
        assertEquals(withoutStacks.jdkSampleWeight(), lines.stream().mapToLong(Line::bytes).sum());
    }

    @Test
    void pprofIsAValidGzipProfileWithTheDocumentedTypesAndComments() throws IOException {
        DecodedPprof pprof = pprof(withStacks);
        assertEquals("", pprof.strings().get(0));
        assertEquals(List.of(new DecodedPprof.ValueType("alloc_samples", "count"),
                new DecodedPprof.ValueType("alloc_space", "bytes")), pprof.sampleTypes());
        assertEquals("alloc_space", pprof.string(pprof.defaultSampleType()));
        assertEquals(new DecodedPprof.ValueType("space", "bytes"), pprof.periodType());
        assertTrue(pprof.comments().stream().map(pprof::string).anyMatch(c -> c.contains("sampled") && c.contains("not exact")),
                pprof.comments().stream().map(pprof::string).toList().toString());
        assertEquals(withStacks.startNanos(), pprof.timeNanos());
        assertTrue(pprof.timeNanos() > 1_600_000_000_000_000_000L, "epoch nanoseconds: " + pprof.timeNanos());
        assertEquals(0, pprof.durationNanos());
    }

    @Test
    void pprofTotalsAreTheJdkReadersAndEachSampleHasItsScope() throws IOException {
        DecodedPprof pprof = pprof(withStacks);
        assertEquals(withStacks.jdkSampleWeight(), pprof.total("alloc_space"));
        assertEquals(withStacks.jdkSamples(), pprof.total("alloc_samples"));
        Map<String, Long> byScope = new TreeMap<>();
        for (DecodedPprof.Sample sample : pprof.samples()) {
            assertEquals(1, sample.labels().size(), sample.toString());
            byScope.merge(DecodedPprof.label(sample, "scope"), sample.values().get(1), Long::sum);
        }
        Map<String, Long> expected = new TreeMap<>(withStacks.weightByName());
        expected.put(StackProfile.OUTSIDE, withStacks.jdkSampleWeight()
                - expected.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(expected, byScope, "scope names unchanged, the odd one included");
    }

    @Test
    void pprofStacksAreLeafFirstWithTheClassAsLeafAndFunctionsListedOnce() throws IOException {
        DecodedPprof pprof = pprof(withStacks);
        List<String> expected = List.of("byte[]", ALLOCATE_BYTES, HANDLE_ORDERS, WORKER_RUN);
        List<DecodedPprof.Sample> orders = pprof.samples().stream()
                .filter(s -> DecodedPprof.label(s, "scope").equals(ORDERS) && pprof.stack(s).equals(expected)).toList();
        assertEquals(1, orders.size());
        assertEquals(withStacks.jdkWeightByStack().get(JDK_ORDERS_STACK), orders.get(0).values().get(1));

        List<String> names = pprof.functionNames().values().stream().map(pprof::string).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "each function once");
        long distinctFrames = withStacks.profile().stacks().stream()
                .flatMap(s -> java.util.stream.Stream.concat(s.frames().stream(), java.util.stream.Stream.of(s.allocatedClass())))
                .distinct().count();
        assertEquals(distinctFrames, names.size());
        assertEquals(names.size(), pprof.locations().size(), "one location per function: frames have no lines");
    }

    @Test
    void pprofSamplesWithoutStackTracesHaveTheClassAndOneFrameThatSaysSo() throws IOException {
        DecodedPprof pprof = pprof(withoutStacks);
        for (DecodedPprof.Sample sample : pprof.samples()) {
            List<String> stack = pprof.stack(sample);
            assertEquals(2, stack.size(), stack.toString());
            assertEquals(StackProfile.NO_STACK, stack.get(1));
        }
        assertEquals(withoutStacks.jdkSampleWeight(), pprof.total("alloc_space"));
    }

    private record Line(List<String> frames, long bytes) {
    }

    private static final Pattern LINE = Pattern.compile("(.*) (\\d+)");

    /** Writes the collapsed stacks and parses them back as flamegraph.pl does: frames, a space, a count. */
    private static List<Line> collapsed(StackProfile profile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CollapsedStacks.write(profile, bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"));
        List<Line> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            assertTrue(matcher.matches(), "not frames, a space and a number: " + line);
            lines.add(new Line(List.of(matcher.group(1).split(";", -1)), Long.parseLong(matcher.group(2))));
        }
        assertEquals(lines.size(), lines.stream().map(Line::frames).distinct().count(), "merged lines");
        return lines;
    }

    private static DecodedPprof pprof(Analysed analysed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PprofProfile.write(analysed.profile(), analysed.startNanos(), 0, bytes);
        return DecodedPprof.ofGzip(bytes.toByteArray()).checkValid();
    }

    /** Two threads that each serve requests of both names, then allocate outside any scope. */
    private static void serve() throws InterruptedException {
        List<Thread> workers = List.of(new Worker(), new Worker());
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** A thread of its own class, so its stacks are the same in every JDK (no lambda frames). */
    private static final class Worker extends Thread {
        @Override
        public void run() {
            for (int call = 0; call < 10; call++) {
                try (AllocationScope scope = AllocationScope.open(ORDERS)) {
                    handleOrders();
                }
                try (AllocationScope scope = AllocationScope.open(ODD)) {
                    handleOdd();
                }
            }
            // A thread's last TLAB is never sampled: what is allocated here lands outside the scopes.
            allocateBytes(4 << 20);
        }
    }

    private static void handleOrders() {
        allocateBytes(4 << 20);
    }

    private static void handleOdd() {
        for (int done = 0; done < 2 << 20; done += 1040) {
            sink = new long[128];
        }
    }

    private static void allocateBytes(int bytes) {
        // Each array escapes to a volatile field: C2 may drop an allocation nobody reads.
        for (int done = 0; done < bytes; done += 1040) {
            sink = new byte[1024];
        }
    }
}

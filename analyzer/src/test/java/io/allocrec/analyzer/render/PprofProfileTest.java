package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.DecodedPprof;
import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pprof profile of hand-made stack profiles, read back with Google's protobuf reader. */
class PprofProfileTest {

    private static DecodedPprof pprof(List<StackProfile.Stack> stacks, long start, long duration) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PprofProfile.write(new StackProfile(stacks), start, duration, bytes);
        return DecodedPprof.ofGzip(bytes.toByteArray()).checkValid();
    }

    @Test
    void anEmptyProfileStillHasItsTypesAndStringTable() throws IOException {
        DecodedPprof pprof = pprof(List.of(), 0, 0);
        assertEquals("", pprof.strings().get(0));
        assertEquals(List.of("alloc_samples", "alloc_space"),
                pprof.sampleTypes().stream().map(DecodedPprof.ValueType::type).toList());
        assertEquals("alloc_space", pprof.string(pprof.defaultSampleType()));
        assertEquals(0, pprof.samples().size());
        assertEquals(0, pprof.locations().size());
        assertEquals(0, pprof.functionNames().size());
        assertEquals(0, pprof.timeNanos(), "unknown: left out");
        assertEquals(0, pprof.durationNanos());
    }

    @Test
    void namesGoInUnchangedAndSharedFramesAreListedOnce() throws IOException {
        String odd = "odd;name\nline two";
        DecodedPprof pprof = pprof(List.of(
                new StackProfile.Stack(odd, List.of("Main.main", "Service.handle"), "byte[]", 4096, 3),
                new StackProfile.Stack("GET /a", List.of("Main.main", "Service.other"), "byte[]", 1024, 1),
                new StackProfile.Stack(StackProfile.OUTSIDE, List.of(StackProfile.NO_STACK), "long[]", 16, 1)),
                1_700_000_000_000_000_000L, 5_000_000_000L);
        assertEquals(1_700_000_000_000_000_000L, pprof.timeNanos());
        assertEquals(5_000_000_000L, pprof.durationNanos());
        assertEquals(3, pprof.samples().size());
        DecodedPprof.Sample first = pprof.samples().stream()
                .filter(s -> DecodedPprof.label(s, "scope").equals(odd)).findFirst().orElseThrow();
        assertEquals(List.of("byte[]", "Service.handle", "Main.main"), pprof.stack(first));
        assertEquals(List.of(3L, 4096L), first.values());
        // byte[], long[], Main.main, Service.handle, Service.other and the no-stack frame.
        assertEquals(6, pprof.functionNames().size());
        assertEquals(4096 + 1024 + 16, pprof.total("alloc_space"));
        assertEquals(5, pprof.total("alloc_samples"));
    }

    @Test
    void theCallersStreamStaysOpenAndTheSameProfileGivesTheSameBytes() throws IOException {
        List<StackProfile.Stack> stacks = List.of(
                new StackProfile.Stack("b", List.of("X.x"), "byte[]", 5, 1),
                new StackProfile.Stack("a", List.of("X.x"), "char[]", 5, 1),
                new StackProfile.Stack("a", List.of("X.x"), "byte[]", 5, 1));
        boolean[] closed = {false};
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                first.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        }) {
            PprofProfile.write(new StackProfile(stacks), 0, 0, out);
            assertTrue(!closed[0], "left open for the caller");
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        PprofProfile.write(new StackProfile(List.of(stacks.get(2), stacks.get(0), stacks.get(1))), 0, 0, second);
        assertTrue(java.util.Arrays.equals(first.toByteArray(), second.toByteArray()));
    }
}

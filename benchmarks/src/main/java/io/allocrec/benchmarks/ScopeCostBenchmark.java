package io.allocrec.benchmarks;

import io.allocrec.recorder.AllocationScope;
import io.allocrec.recorder.ScenarioEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one {@link AllocationScope} costs: open and close around an empty body, with the
 * {@code allocrec.Scenario} event disabled (no recording enables it) and enabled (a JFR
 * recording with threshold 0, written to disk).
 *
 * <p>Each benchmark method runs in its own forked JVMs, and the disabled and enabled cases
 * use different {@link State} classes, so the disabled case never sees the enabled case's
 * recording. Run with {@code java -jar benchmarks/target/benchmarks.jar ScopeCostBenchmark},
 * adding {@code -prof gc} for the bytes allocated per scope ({@code gc.alloc.rate.norm}).
 *
 * <p>Five warmup iterations: with a recording running, the first three seconds of a fork still
 * included JFR's own start-up and compilation (several hundred ns/op), most visibly under
 * {@code -prof gc} on 2 cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ScopeCostBenchmark {

    private static final Object SENTINEL = new Object();

    /** No JFR recording enables {@code allocrec.Scenario}; checked at setup. */
    @State(Scope.Benchmark)
    public static class NoRecording {

        @Setup(Level.Trial)
        public void check() {
            try (AllocationScope probe = AllocationScope.open("probe")) {
                if (probe.isRecording()) {
                    throw new IllegalStateException(ScenarioEvent.NAME
                            + " is enabled: the disabled case must run without a recording enabling it");
                }
            }
        }
    }

    /**
     * A JFR recording that enables {@code allocrec.Scenario} with threshold 0 (every scope is
     * committed), kept on disk, for the whole trial. Its file is deleted at teardown.
     */
    @State(Scope.Benchmark)
    public static class ScenarioRecording {

        private Recording recording;
        private Path file;

        @Setup(Level.Trial)
        public void start() throws IOException {
            file = Files.createTempFile("allocrec-bench-", ".jfr");
            recording = new Recording();
            recording.setName("allocrec-bench");
            recording.enable(ScenarioEvent.NAME).withThreshold(Duration.ZERO);
            recording.setToDisk(true);
            recording.setDestination(file);
            // Millions of events a second: keep only the newest chunks in the disk repository
            // (every event is still written; older chunks are deleted as new ones are made).
            recording.setMaxSize(256L * 1024 * 1024);
            recording.start();
            try (AllocationScope probe = AllocationScope.open("probe")) {
                if (!probe.isRecording()) {
                    throw new IllegalStateException("the recording did not enable " + ScenarioEvent.NAME);
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            try {
                recording.stop();
                recording.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The harness alone: one Blackhole.consume per call, nothing else. Subtract it from the rest. */
    @Benchmark
    public void baseline(Blackhole bh) {
        bh.consume(SENTINEL);
    }

    /**
     * A scope with the event disabled: one isEnabled() check, the shared no-op scope returned and
     * closed. Once inlined, the JIT folds all of it away, so expect the baseline's figure.
     */
    @Benchmark
    public void scopeDisabled(NoRecording state, Blackhole bh) {
        try (AllocationScope s = AllocationScope.open("bench")) {
            bh.consume(s);
        }
    }

    /**
     * A scope with the event enabled: the event and the scope allocated, the thread's allocation
     * counter read at open and at close, the clock read twice and one event committed.
     */
    @Benchmark
    public void scopeEnabled(ScenarioRecording state, Blackhole bh) {
        try (AllocationScope s = AllocationScope.open("bench")) {
            bh.consume(s);
        }
    }

    /**
     * As {@link #scopeEnabled}, with a size and payload as the sweep harness sets them: two more
     * non-zero fields in each committed event (a few bytes more per event; within noise so far).
     */
    @Benchmark
    public void scopeEnabledWithSize(ScenarioRecording state, Blackhole bh) {
        try (AllocationScope s = AllocationScope.open("bench", 1_000).payloadBytes(108_000)) {
            bh.consume(s);
        }
    }
}

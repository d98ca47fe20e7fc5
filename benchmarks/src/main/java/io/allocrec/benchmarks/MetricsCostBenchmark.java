package io.allocrec.benchmarks;

import io.allocrec.micrometer.AllocationMetrics;
import io.allocrec.recorder.AllocationScope;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link AllocationMetrics} adds to a scope call: the same scope with a JFR recording of
 * {@code allocrec.Scenario} running ({@link ScopeCostBenchmark.ScenarioRecording}), without and with
 * AllocationMetrics bound to a Prometheus registry. The caller's figure is JMH's ns/op (and B/op with
 * {@code -prof gc}); the binder's real work is on its own thread, whose CPU time per event consumed
 * each trial prints at teardown ("consumer:").
 *
 * <p>The scope's body spins {@code bodyTokens} of {@link Blackhole#consumeCPU}: with an empty body one
 * thread closes millions of scopes a second, more than the one consumer thread reads, and the backlog
 * grows on disk; a body of a few microseconds is closer to a request and lets the consumer keep up, so
 * its CPU per event is a steady-state figure. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar MetricsCostBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MetricsCostBenchmark {

    /** The work inside the scope, in consumeCPU tokens. */
    @State(Scope.Benchmark)
    public static class Body {
        @Param({"500"})
        int bodyTokens;
    }

    /**
     * The recording, plus AllocationMetrics bound to a Prometheus registry. At teardown, waits for the
     * consumer to read every event (at most 60 s), then prints its thread's CPU time per event.
     */
    @State(Scope.Benchmark)
    public static class RecordingWithMetrics {

        private final ScopeCostBenchmark.ScenarioRecording recording = new ScopeCostBenchmark.ScenarioRecording();
        private PrometheusMeterRegistry registry;
        private AllocationMetrics metrics;
        private long cpuAtStart;
        private static final String PROBE = "probe";

        @Setup(Level.Trial)
        public void start() throws Exception {
            recording.start();
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics = new AllocationMetrics();
            metrics.bindTo(registry);
            // The stream starts on its own thread: a scope closed before that is never counted, and the
            // teardown would wait for it. Probe until one is counted, then count from zero.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumed(PROBE) < 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("AllocationMetrics counted no scope within 30 s");
                }
                try (AllocationScope probe = AllocationScope.open(PROBE)) {
                    Thread.sleep(10);
                }
            }
            Calls.committed = 0;
            cpuAtStart = consumerCpuNanos();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            long committed = Calls.committed;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long waitStart = System.nanoTime();
            while (consumed(Calls.NAME) < committed && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double waited = (System.nanoTime() - waitStart) / 1e9;
            long consumed = consumed(Calls.NAME);
            long cpu = consumerCpuNanos() - cpuAtStart;
            System.out.printf("%nconsumer: %.0f ns CPU per event over %,d events (%,d scopes closed; %.2f s to catch up)%n",
                    (double) cpu / consumed, consumed, committed, waited);
            metrics.close();
            registry.close();
            recording.stop();
        }

        private long consumed(String scope) {
            DistributionSummary summary = registry.find(AllocationMetrics.ALLOCATED_METER)
                    .tag(AllocationMetrics.SCOPE_TAG, scope).summary();
            return summary == null ? 0 : summary.count();
        }

        private static long consumerCpuNanos() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().equals(AllocationMetrics.THREAD_NAME)) {
                    return threads.getThreadCpuTime(info.getThreadId());
                }
            }
            throw new IllegalStateException("no thread named " + AllocationMetrics.THREAD_NAME);
        }
    }

    /** The scope, in a method of its own as a handler is. */
    public static final class Calls {

        static final String NAME = "bench";

        /** Scopes closed in this fork (one benchmark thread). */
        static long committed;

        private Calls() {
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        static void scoped(int tokens) {
            try (AllocationScope scope = AllocationScope.open(NAME)) {
                Blackhole.consumeCPU(tokens);
            }
            committed++;
        }
    }

    @Benchmark
    public void scopeRecording(ScopeCostBenchmark.ScenarioRecording recording, Body body) {
        Calls.scoped(body.bodyTokens);
    }

    @Benchmark
    public void scopeRecordingWithMetrics(RecordingWithMetrics recording, Body body) {
        Calls.scoped(body.bodyTokens);
    }
}

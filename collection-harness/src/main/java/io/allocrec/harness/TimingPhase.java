package io.allocrec.harness;

import io.allocrec.exit.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code record}'s timing phase: runs {@link TimingRunner} for each scenario in {@code forks}
 * fresh JVMs of its own, one after the other ({@link TimingFork}), or for all of them in this JVM
 * when {@code forks} is 0, and commits one {@code allocrec.Timing} event per scenario, size and
 * operation, its statistics over the timed iterations of every fork.
 *
 * <p>Why a JVM for each scenario, as JMH forks for each benchmark: the JIT compiles a loop for
 * the types its calls have seen. The JDK's six maps share {@link MapScenario}'s build and lookup
 * loops; in one JVM for all of them C2 compiled their {@code put} and {@code get} as virtual
 * calls, not inlined, from the third map class on, and those maps were timed through a call that
 * a JVM of their own inlines. The JDK code several maps share (HashMap's, which LinkedHashMap
 * inherits) is then compiled for one map at a time too.
 *
 * <p>Why a fresh JVM: the recording JVM's heap is sized adaptively, grows and shrinks with the
 * allocation sweep's full collections, and each time it grows the new memory is paged in during
 * whatever runs, which made builds two to eight times slower in some iterations. The options of a
 * running JVM cannot be changed, so the timing JVM starts with a fixed heap touched up front
 * ({@code -Xms} equal to {@code -Xmx}, sized for the inputs and the largest timed size;
 * {@code -XX:+AlwaysPreTouch}), under the Parallel collector as the recording; and no profile of
 * the allocation sweep reaches its JIT. (G1, with the same fixed heap, made builds slower and
 * far more variable: its write barriers and region copying cost more.)
 */
final class TimingPhase {

    /**
     * Where the scenarios come from, for a fresh JVM to load them again.
     *
     * @param builtIn    names of the built-in scenarios, in order
     * @param classPath  {@code --classpath}, or null
     * @param classNames {@code --scenario-class}
     * @param inputs     how many input pairs the recording JVM made
     * @param seed       their seed
     */
    record Source(List<String> builtIn, String classPath, List<String> classNames, int inputs, long seed) {
    }

    /** The timing JVM failed for a reason that is not the scenario's: the message is one line. */
    static final class ForkFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int exitCode;

        ForkFailed(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** Heap the timing JVM gets besides the inputs and the structures. */
    private static final long BASE_HEAP = 256L << 20;
    /** Heap per element of the largest timed size: a structure (up to about 250 bytes an element here) and room to build the next. */
    private static final long HEAP_PER_ELEMENT = 768;
    /** Heap per input pair: its 100-byte value, 8-byte key and the array slots. */
    private static final long HEAP_PER_INPUT = 116;

    private final TimingRunner.Plan plan;
    private final int forks;
    private final PrintStream progress;

    TimingPhase(TimingRunner.Plan plan, int forks, PrintStream progress) {
        this.plan = plan;
        this.forks = forks;
        this.progress = progress;
    }

    /** Key of one timing: scenario index, size, operation. */
    private record Key(int scenario, int size, String operation) {
    }

    /** Everything measured for one timing, over the forks. */
    private static final class Pooled {
        final List<Double> iterations = new ArrayList<>();
        int warmups;
        long elementsPerIteration = Long.MAX_VALUE;
        TimingEvent event;
    }

    void run(List<KeyValueScenario<?>> scenarios, KeyValueInputs inputs, Source source) throws IOException {
        Map<Key, Pooled> timings = new LinkedHashMap<>();
        if (forks == 0) {
            new TimingRunner(inputs, plan).run(scenarios, new Committer(scenarios, timings, 0));
            return;
        }
        for (int scenario = 0; scenario < scenarios.size(); scenario++) {
            for (int fork = 1; fork <= forks; fork++) {
                runFork(source, scenario, new Committer(scenarios, timings, fork));
            }
        }
    }

    /** Pools what the runner measured, and commits each timing once its last fork has measured it. */
    private final class Committer implements TimingRunner.Listener {

        private final List<KeyValueScenario<?>> scenarios;
        private final Map<Key, Pooled> timings;
        private final boolean last;
        private final String fork;

        /** @param fork which fork this is, from 1; 0 for this JVM */
        Committer(List<KeyValueScenario<?>> scenarios, Map<Key, Pooled> timings, int fork) {
            this.scenarios = scenarios;
            this.timings = timings;
            this.last = fork == forks;
            this.fork = forks > 1 ? String.format(Locale.ROOT, " (JVM %d of %d)", fork, forks) : "";
        }

        @Override
        public void started(int scenario, int size, String operation) {
            Pooled pooled = timings.computeIfAbsent(new Key(scenario, size, operation), key -> new Pooled());
            if (last) {
                pooled.event = new TimingEvent();
                pooled.event.begin();
            }
        }

        @Override
        public void measured(int scenario, int size, String operation, TimingRunner.Measured measured) {
            Pooled pooled = timings.computeIfAbsent(new Key(scenario, size, operation), key -> new Pooled());
            Arrays.stream(measured.nanosPerElement()).forEach(pooled.iterations::add);
            pooled.warmups += measured.warmupIterations();
            pooled.elementsPerIteration = Math.min(pooled.elementsPerIteration, measured.elementsPerIteration());
            if (last && pooled.event != null) {
                pooled.event.end();
                commit(pooled, scenarios.get(scenario).name(), size, operation);
            }
        }

        @Override
        public void scenarioDone(int scenario, long nanos) {
            progress.printf(Locale.ROOT, "  %-24s %3d sizes in %5.1f s%s%n",
                    ScenarioContract.printable(scenarios.get(scenario).name()), plan.sizes().size(), nanos / 1e9, fork);
        }
    }

    private void commit(Pooled pooled, String scenario, int size, String operation) {
        TimingEvent event = pooled.event;
        if (!event.shouldCommit()) {
            return;
        }
        TimingStatistics stats = TimingStatistics.of(pooled.iterations.stream().mapToDouble(Double::doubleValue).toArray());
        event.scenario = scenario;
        event.size = size;
        event.operation = operation;
        event.nanosPerElement = stats.mean();
        event.nanosPerElementError = stats.error();
        event.nanosPerElementStdDev = stats.stdDev();
        event.nanosPerElementMin = stats.min();
        event.nanosPerElementMax = stats.max();
        event.iterations = stats.count();
        event.warmupIterations = pooled.warmups;
        event.elementsPerIteration = pooled.elementsPerIteration;
        event.forks = forks;
        event.commit();
    }

    private void runFork(Source source, int scenario, Committer committer) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(source));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TimingFork.class.getName()));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("scenarios", TimingFork.joined(source.builtIn()));
        if (source.classPath() != null) {
            options.put("classpath", source.classPath());
        }
        options.put("scenario-classes", TimingFork.joined(source.classNames()));
        options.put("timed", Integer.toString(scenario));
        options.put("inputs", Integer.toString(source.inputs()));
        options.put("seed", Long.toString(source.seed()));
        options.put("sizes", TimingFork.joined(plan.sizes()));
        options.put("iterations", Integer.toString(plan.iterations()));
        options.put("iteration-nanos", Long.toString(plan.iterationNanos()));
        options.put("warmup-nanos", Long.toString(plan.warmupNanos()));
        command.addAll(TimingFork.arguments(options));

        Process child;
        try {
            child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new ForkFailed("allocrec record: cannot start the timing JVM (" + command.get(0) + "): "
                    + e.getMessage() + "; --timing-forks 0 times in this JVM", 1);
        }
        Thread stopChild = new Thread(child::destroyForcibly, "stop-timing-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        String failure = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split("\t", -1);
                switch (fields[0]) {
                    case TimingFork.STARTED -> committer.started(Integer.parseInt(fields[1]),
                            Integer.parseInt(fields[2]), fields[3]);
                    case TimingFork.MEASURED -> committer.measured(Integer.parseInt(fields[1]),
                            Integer.parseInt(fields[2]), fields[3], measured(fields));
                    case TimingFork.DONE -> committer.scenarioDone(Integer.parseInt(fields[1]), Long.parseLong(fields[2]));
                    case TimingFork.FAILURE -> failure = line.substring(line.indexOf('\t') + 1);
                    default -> throw new ForkFailed("allocrec record: internal error: the timing JVM wrote '"
                            + ScenarioContract.printable(line) + "'", 1);
                }
            }
            int exit = child.waitFor();
            if (failure != null) {
                throw new ScenarioFailure(failure);
            }
            if (exit == ExitCodes.OUT_OF_MEMORY) {
                throw new ForkFailed("allocrec record: the timing JVM ran out of its " + heapMiB(source) + " MiB of "
                        + "heap (" + HEAP_PER_ELEMENT + " bytes per element of the largest timed size, and the inputs): "
                        + "time smaller sizes (--timing-sizes), or time in this JVM (--timing-forks 0)",
                        ExitCodes.OUT_OF_MEMORY);
            }
            if (exit != 0) {
                throw new ForkFailed("allocrec record: internal error: the timing JVM exited with " + exit
                        + " (its error is above)", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while timing", e);
        } finally {
            child.destroyForcibly();
            try {
                child.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    private static TimingRunner.Measured measured(String[] fields) {
        double[] values = new double[fields.length - 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(fields[6 + i]);
        }
        return new TimingRunner.Measured(values, Integer.parseInt(fields[4]), Long.parseLong(fields[5]));
    }

    /**
     * The timing JVM: the Parallel collector, and a fixed heap committed and touched up front,
     * so that no iteration pays for paging memory in or for the heap's resizing.
     */
    private List<String> jvmOptions(Source source) {
        long heap = heapMiB(source);
        return List.of("-XX:+UseParallelGC", "-Xms" + heap + "m", "-Xmx" + heap + "m", "-XX:+AlwaysPreTouch");
    }

    private long heapMiB(Source source) {
        long largest = plan.sizes().stream().mapToLong(Integer::longValue).max().orElse(1);
        long bytes = BASE_HEAP + source.inputs() * HEAP_PER_INPUT + largest * HEAP_PER_ELEMENT;
        return Math.min((bytes + (1 << 20) - 1) >> 20, maxHeap() >> 20);
    }

    private static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }
}

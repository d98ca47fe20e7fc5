package io.allocrec.harness;

import io.allocrec.attach.RunningJvmOptions;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code allocrec record}: runs the collection scenarios over a size sweep under JFR and writes
 * one self-contained recording.
 */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the built-in collection scenarios, and your own (--scenario-class), over a sweep of sizes "
                    + "under JDK Flight Recorder and writes one self-contained .jfr, in three phases:",
            "1. allocation: an allocrec.Scenario event per scenario and size (exact allocated and retained "
                    + "bytes) plus the JDK's allocation samples;",
            "2. breakdown: the retained bytes class by class (JOL), an allocrec.Breakdown event per class, at "
                    + "the --breakdown-sizes;",
            "3. timing: nanoseconds per element to insert (build from the inputs) and to look every key up, "
                    + "warmed up and over several timed iterations with their spread (99.9%% error, as JMH), an "
                    + "allocrec.Timing event per scenario, size and operation, at the --timing-sizes.",
            "By default phases 2 and 3 cover fewer sizes than the sweep: its powers of ten and its largest "
                    + "size (1, 10, ..., 1,000,000 by default), which keeps ./allocrec demo under three minutes on 2 cores.",
            "allocrec starts it in a JVM with -XX:+UseParallelGC (the retained figure is exact under it), "
                    + "fixed 1 MiB TLABs (about ten allocation samples per 10 MB), and what JOL needs "
                    + "(-Djdk.attach.allowAttachSelf=true, --add-opens of java.util).",
            "With --pid it records a JVM that is already running instead (settings: production by default), "
                    + "optionally with --scope methods made scopes by the allocrec agent, and leaves it as it found it: "
                    + "the recording stopped, the scopes taken out."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:recording written",
            "2:bad command line (unknown scenario, bad size; a --scenario-class that cannot be found, does not "
                    + "implement KeyValueScenario or ScenarioProvider, has no public no-argument constructor, "
                    + "or repeats a scenario name)",
            "3:a scenario broke its contract: threw while building or looking up, held the wrong number of "
                    + "elements, or looked up wrong values (the message names it and the size); nothing written",
            "5:the recording or its settings could not be read or written",
            "6:out of heap (a size that passed the up-front check still did not fit, or the timing JVM's heap was too small)",
            "8:--pid: no such process, or not a Java virtual machine",
            "9:--pid: the JVM refused (attach disabled, another user's, Java older than 17 with --scope, agents "
                    + "disallowed, JFR or the agent failed: the message says which); nothing is left in it",
            "10:--pid: the JVM exited during the recording and wrote no recording (killed or crashed)"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec record --out maps.jfr --scenarios vec-pair,hashmap,treemap --sizes 1000,10000,100000",
            "  ./allocrec record --out mine.jfr --scenarios vec-pair,hashmap --classpath my-scenarios.jar \\",
            "      --scenario-class com.example.SortedList",
            "  ./allocrec report maps.jfr --out maps/",
            "  ./allocrec record --pid 12345 --duration 30s --scope 'com.shop.Orders::handle;com.shop.Cart' \\",
            "      --out orders.jfr --report orders/"})
public final class RecordCommand implements Callable<Integer> {

    /** The JDK's allocation sample event, on during the allocation phase only. */
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    /** Heap a sweep needs per element of its largest size, generously: inputs, a map, live copies. */
    static final long HEAP_BYTES_PER_ELEMENT = 1024;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE.jfr", description = "Where to write the recording (required but with "
            + "--list and --stop).")
    Path out;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Scenarios to run, comma-separated (default: all of vec-pair, hashmap, "
                    + "hashmap-presized, linkedhashmap, treemap, concurrenthashmap, concurrentskiplistmap, "
                    + "fastutil-long2object, eclipse-longobject).")
    List<String> scenarioNames = Scenarios.names();

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Element counts to measure, comma-separated (default: 1 to 1,000,000, three "
                    + "points per doubling up to 131,072 and two above).")
    List<Integer> sizes = SizeSweep.defaultSizes();

    @Option(names = "--scenario-class", split = ",", paramLabel = "CLASS",
            description = "Your own scenarios, measured with the built-in ones: a class implementing "
                    + "io.allocrec.harness.KeyValueScenario (one scenario) or ScenarioProvider (several), with a "
                    + "public no-argument constructor. Comma-separated or repeated.")
    List<String> scenarioClasses = List.of();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars and folders to load the --scenario-class classes from, separated by '${sys:path.separator}'.")
    String classPath;

    @Option(names = "--timing-sizes", split = ",", paramLabel = "N",
            description = "Sizes to time (default: the powers of ten among --sizes, and the largest).")
    List<Integer> timingSizes;

    @Option(names = "--no-timing", description = "Leave the timing phase out.")
    boolean noTiming;

    @Option(names = "--timing-iterations", paramLabel = "N",
            description = "Timed iterations per scenario, size and operation (default: ${DEFAULT-VALUE}).")
    int timingIterations = 5;

    @Option(names = "--timing-iteration-ms", paramLabel = "MS",
            description = "Least duration of a timed iteration, in milliseconds; shorter work is batched. Each "
                    + "timing is warmed up for five times as long, at least one iteration (default: ${DEFAULT-VALUE}).")
    int timingIterationMillis = 10;

    @Option(names = "--timing-forks", paramLabel = "N",
            description = "Fresh JVMs to time each scenario in, one after the other, their iterations pooled (as JMH's "
                    + "forks); 0 times all scenarios in the recording JVM itself (default: ${DEFAULT-VALUE}).")
    int timingForks = 1;

    @Option(names = "--breakdown-sizes", split = ",", paramLabel = "N",
            description = "Sizes to break down by class (default: the powers of ten among --sizes, and the largest).")
    List<Integer> breakdownSizes;

    @Option(names = "--no-breakdown", description = "Leave the breakdown by class out.")
    boolean noBreakdown;

    @Option(names = "--settings", paramLabel = "FILE.jfc",
            description = "JFR settings to record with: a .jfc file, or allocation or production, the profiles bundled "
                    + "from profiles/ (default: allocation; with --pid, production).")
    Path settings;

    @ArgGroup(exclusive = false, heading = "%nA JVM that is already running:%n")
    RunningJvmOptions running;

    /** Options of the sweep, which mean nothing with --pid. */
    private static final List<String> SWEEP_OPTIONS = List.of("--scenarios", "--sizes", "--scenario-class", "--classpath",
            "--timing-sizes", "--no-timing", "--timing-iterations", "--timing-iteration-ms", "--timing-forks",
            "--breakdown-sizes", "--no-breakdown", "--seed");

    private final RunningJvmOptions.Commands commands;

    /** A record command that cannot run --report (it has no other command to run). */
    public RecordCommand() {
        this(args -> {
            throw new IllegalStateException("--report needs the allocrec tool");
        });
    }

    /** @param commands runs another allocrec command line, for --report */
    public RecordCommand(RunningJvmOptions.Commands commands) {
        this.commands = commands;
    }

    @Option(names = "--seed", description = "Seed of the random keys and values (default: ${DEFAULT-VALUE}).")
    long seed = KeyValueInputs.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
        if (running != null && running.isRequested()) {
            return recordRunningJvm();
        }
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=FILE.jfr'");
        }
        List<Integer> checkedSizes = checkedSizes(sizes, "--sizes");
        List<Integer> timed = noTiming ? List.of() : phaseSizes(timingSizes, "--timing-sizes", checkedSizes);
        List<Integer> weighed = noBreakdown ? List.of() : phaseSizes(breakdownSizes, "--breakdown-sizes", checkedSizes);
        checkTimingOptions();
        if (Files.isDirectory(out)) {
            // Checked before the benchmark runs, not after minutes of measuring.
            throw new ParameterException(spec.commandLine(), "--out names a folder (" + out + "): give a file name, "
                    + "such as " + out.resolve("sweep.jfr"));
        }
        PrintStream err = System.err;
        Configuration configuration;
        try {
            configuration = settings == null ? JfrSettings.bundled("allocation.jfc")
                    : !Files.exists(settings) && JfrSettings.isBundled(settings.toString())
                    ? JfrSettings.bundled(settings + ".jfc") : JfrSettings.file(settings);
        } catch (IOException | ParseException e) {
            err.println("allocrec record: cannot load JFR settings " + (settings == null ? "" : settings + ": ") + e.getMessage());
            return ExitCodes.NOT_WRITABLE;
        }
        try (UserScenarios user = loadUserScenarios()) {
            List<KeyValueScenario<?>> scenarios = checkedScenarios(user.scenarios());
            Path target = out.toAbsolutePath();
            Path temporary;
            try {
                Files.createDirectories(target.getParent());
                temporary = Files.createTempFile(target.getParent(), ".allocrec-", ".jfr.part");
            } catch (IOException e) {
                err.println("allocrec record: cannot write to " + target.getParent() + ": " + e.getMessage());
                return ExitCodes.NOT_WRITABLE;
            }
            try {
                record(configuration, scenarios, new Phases(checkedSizes, weighed, timed), temporary, err);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (ScenarioFailure e) {
                err.println("allocrec record: " + e.getMessage());
                return ExitCodes.SCENARIO_BROKEN;
            } catch (TimingPhase.ForkFailed e) {
                err.println(e.getMessage());
                return e.exitCode();
            } catch (OutOfMemoryError e) {
                err.println("allocrec record: out of heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); run "
                        + "fewer or smaller sizes, or give it more with ALLOCREC_JAVA_OPTS=-Xmx...");
                return ExitCodes.OUT_OF_MEMORY;
            } catch (IOException e) {
                err.println("allocrec record: cannot write " + target + ": " + e.getMessage());
                return ExitCodes.NOT_WRITABLE;
            } finally {
                Files.deleteIfExists(temporary);
            }
            err.println("allocrec record: wrote " + target);
            return 0;
        }
    }

    private int recordRunningJvm() {
        String problem = running.problem(out != null);
        if (problem == null) {
            problem = SWEEP_OPTIONS.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).findFirst()
                    .map(option -> option + " is an option of the sweep; with --pid give --duration, --scope, --report")
                    .orElse(null);
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        if (out != null && Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out names a folder (" + out + "): give a file name, "
                    + "such as " + out.resolve("recording.jfr"));
        }
        Path settingsFile;
        try {
            settingsFile = settingsForRunningJvm();
        } catch (IOException | ParseException e) {
            System.err.println("allocrec record: cannot load JFR settings " + settings + ": " + e.getMessage());
            return ExitCodes.NOT_WRITABLE;
        }
        return running.run(out, settingsFile, System.out, System.err, commands);
    }

    /** A settings file the running JVM can read: the user's, checked here, or a bundled profile's copy. */
    private Path settingsForRunningJvm() throws IOException, ParseException {
        String name = settings == null ? "production" : settings.toString();
        if (settings == null || (!Files.exists(settings) && JfrSettings.isBundled(name))) {
            return JfrSettings.bundledCopy(name + ".jfc");
        }
        JfrSettings.file(settings);
        return settings.toAbsolutePath();
    }

    /** The sizes of each phase: the allocation sweep, the breakdown by class, the timing. */
    private record Phases(List<Integer> sweep, List<Integer> breakdown, List<Integer> timing) {

        int largest() {
            return java.util.stream.Stream.of(sweep, breakdown, timing).flatMap(List::stream)
                    .mapToInt(Integer::intValue).max().orElseThrow();
        }
    }

    private void record(Configuration configuration, List<KeyValueScenario<?>> scenarios, Phases phases,
                        Path destination, PrintStream err) throws IOException {
        int largest = phases.largest();
        String collectors = collectorNames();
        err.printf("allocrec record: %d scenarios x %d sizes (up to %,d), collector: %s%n",
                scenarios.size(), phases.sweep().size(), largest, collectors);
        if (!collectors.contains("PS MarkSweep")) {
            err.println("allocrec record: warning: retained bytes are exact only with -XX:+UseParallelGC");
        }
        KeyValueInputs inputs = KeyValueInputs.generate(largest, seed);
        // Every scenario's contract is checked at small sizes before minutes of measuring.
        for (KeyValueScenario<?> scenario : scenarios) {
            ScenarioContract.preflight(scenario, inputs);
            BreakdownRunner.checkHoldsNoInputs(scenario, inputs);
        }
        SweepRunner runner = new SweepRunner(inputs, err);
        runner.warmUp(scenarios);
        try (Recording recording = new Recording(configuration)) {
            recording.setName("allocrec benchmark");
            recording.start();
            err.println("allocation (exact allocated and retained bytes):");
            long phase = System.nanoTime();
            runner.run(scenarios, phases.sweep());
            phase = phaseDone("allocation", phase, err);
            // The samples take a stack trace at every TLAB refill: a few percent of an allocating build's time,
            // and JOL's walk allocates far more than the structures. Neither phase is a scope the report samples.
            recording.disable(ALLOCATION_SAMPLE);
            if (!phases.breakdown().isEmpty()) {
                err.printf("breakdown by class (JOL) at %d sizes:%n", phases.breakdown().size());
                new BreakdownRunner(inputs, phases.breakdown(), err).run(scenarios);
                phase = phaseDone("breakdown", phase, err);
            }
            if (!phases.timing().isEmpty()) {
                err.printf("timing (ns per element, %d iterations of at least %d ms after warm-up) at %d sizes, %s:%n",
                        timingIterations, timingIterationMillis, phases.timing().size(),
                        timingForks == 0 ? "in this JVM" : timingForks == 1 ? "in a fresh JVM per scenario"
                                : "in " + timingForks + " fresh JVMs per scenario");
                long iteration = TimeUnit.MILLISECONDS.toNanos(timingIterationMillis);
                TimingRunner.Plan plan = new TimingRunner.Plan(phases.timing(), timingIterations, iteration, 5 * iteration);
                new TimingPhase(plan, timingForks, err).run(scenarios, inputs, new TimingPhase.Source(
                        scenarioNames, classPath, scenarioClasses, inputs.count(), seed));
                phaseDone("timing", phase, err);
            }
            recording.stop();
            recording.dump(destination);
        }
    }

    /** Prints how long a phase took, and returns the time the next one starts. */
    private static long phaseDone(String name, long started, PrintStream err) {
        long now = System.nanoTime();
        err.printf(java.util.Locale.ROOT, "  %s phase: %.1f s%n", name, (now - started) / 1e9);
        return now;
    }

    private UserScenarios loadUserScenarios() {
        try {
            return UserScenarios.load(classPath, scenarioClasses);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<KeyValueScenario<?>> checkedScenarios(List<KeyValueScenario<?>> user) {
        if (classPath != null && scenarioClasses.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--classpath is for --scenario-class: name the classes to load");
        }
        List<KeyValueScenario<?>> scenarios = new ArrayList<>(builtInScenarios());
        // A built-in's name means the built-in, in every recording, whether this run measures it or not.
        java.util.Set<String> names = new java.util.HashSet<>(Scenarios.names());
        for (KeyValueScenario<?> scenario : user) {
            String name;
            try {
                name = scenario.name();
            } catch (RuntimeException | LinkageError e) {
                throw new ParameterException(spec.commandLine(), "--scenario-class: " + scenario.getClass().getName()
                        + ".name() threw " + ScenarioContract.oneLine(e));
            }
            if (name == null || name.isBlank() || name.length() > 100 || name.codePoints().anyMatch(Character::isISOControl)) {
                throw new ParameterException(spec.commandLine(), "--scenario-class: " + scenario.getClass().getName()
                        + ".name() must be 1 to 100 characters, not blank, with no control characters");
            }
            if (!names.add(name)) {
                throw new ParameterException(spec.commandLine(), "--scenario-class: " + scenario.getClass().getName()
                        + " is named '" + name + "', as " + (Scenarios.names().contains(name) ? "a built-in scenario"
                        : "another scenario of this run"));
            }
            scenarios.add(scenario);
        }
        if (scenarios.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no scenario to run");
        }
        return scenarios;
    }

    private List<KeyValueScenario<?>> builtInScenarios() {
        try {
            return Scenarios.builtIn(scenarioNames);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Integer> checkedSizes(List<Integer> requested, String option) {
        if (requested.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + " needs at least one size");
        }
        long heap = Runtime.getRuntime().maxMemory();
        long fits = heap / HEAP_BYTES_PER_ELEMENT;
        for (int size : requested) {
            if (size < 1) {
                throw new ParameterException(spec.commandLine(), "sizes must be at least 1: " + size);
            }
            if (size > fits) {
                throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT,
                        "size %,d does not fit in this JVM's %,d MiB of heap: at most %,d elements (about 1 KiB "
                                + "each for the inputs, the scenario and its live copies); give it more with "
                                + "ALLOCREC_JAVA_OPTS=-Xmx...", size, heap >> 20, fits));
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    /** The sizes given for a phase, or by default the sweep's powers of ten and its largest size. */
    private List<Integer> phaseSizes(List<Integer> requested, String option, List<Integer> sweep) {
        if (requested != null) {
            return checkedSizes(requested, option);
        }
        return sweep.stream()
                .filter(n -> isPowerOfTen(n) || n.equals(sweep.get(sweep.size() - 1)))
                .toList();
    }

    private static boolean isPowerOfTen(int n) {
        int power = 1;
        while (power < n && power <= Integer.MAX_VALUE / 10) {
            power *= 10;
        }
        return power == n;
    }

    private void checkTimingOptions() {
        if (noTiming && timingSizes != null) {
            throw new ParameterException(spec.commandLine(), "give --timing-sizes or --no-timing, not both");
        }
        if (noBreakdown && breakdownSizes != null) {
            throw new ParameterException(spec.commandLine(), "give --breakdown-sizes or --no-breakdown, not both");
        }
        if (timingIterations < 2) {
            throw new ParameterException(spec.commandLine(), "--timing-iterations must be at least 2 (a spread needs two)");
        }
        if (timingForks < 0) {
            throw new ParameterException(spec.commandLine(), "--timing-forks must be 0 or more");
        }
        if (timingIterationMillis < 1) {
            throw new ParameterException(spec.commandLine(), "--timing-iteration-ms must be at least 1");
        }
    }

    private static String collectorNames() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}

package io.allocrec.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import picocli.CommandLine;
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
            "Runs the built-in collection scenarios over a sweep of sizes under JDK Flight Recorder and "
                    + "writes one self-contained .jfr: an allocrec.Scenario event per run (exact allocated "
                    + "and retained bytes) plus the JDK's allocation samples.",
            "allocrec starts it in a JVM with -XX:+UseParallelGC (the retained figure is exact under it) and "
                    + "fixed 1 MiB TLABs (about ten allocation samples per 10 MB)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:recording written",
            "2:bad command line (unknown scenario, bad size)",
            "5:the recording or its settings could not be read or written",
            "6:out of heap (a size that passed the up-front check still did not fit)"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec record --out maps.jfr --scenarios vec-pair,hashmap,treemap --sizes 1000,10000,100000",
            "  ./allocrec report maps.jfr --out maps/"})
public final class RecordCommand implements Callable<Integer> {

    static final int EXIT_IO = 5;
    static final int EXIT_OUT_OF_HEAP = 6;
    /** Heap a sweep needs per element of its largest size, generously: inputs, a map, live copies. */
    static final long HEAP_BYTES_PER_ELEMENT = 1024;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.jfr", description = "Where to write the recording.")
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

    @Option(names = "--settings", paramLabel = "FILE.jfc",
            description = "JFR settings to record with (default: the bundled profiles/allocation.jfc).")
    Path settings;

    @Option(names = "--seed", description = "Seed of the random keys and values (default: ${DEFAULT-VALUE}).")
    long seed = KeyValueInputs.DEFAULT_SEED;

    @Override
    public Integer call() throws Exception {
        List<CollectionScenario> scenarios = checkedScenarios();
        List<Integer> checkedSizes = checkedSizes();
        if (Files.isDirectory(out)) {
            // Checked before the benchmark runs, not after minutes of measuring.
            throw new ParameterException(spec.commandLine(), "--out names a folder (" + out + "): give a file name, "
                    + "such as " + out.resolve("sweep.jfr"));
        }
        PrintStream err = System.err;
        Configuration configuration;
        try {
            configuration = settings == null ? JfrSettings.bundled("allocation.jfc") : JfrSettings.file(settings);
        } catch (IOException | ParseException e) {
            err.println("allocrec record: cannot load JFR settings " + (settings == null ? "" : settings + ": ") + e.getMessage());
            return EXIT_IO;
        }
        Path target = out.toAbsolutePath();
        Path temporary;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), ".allocrec-", ".jfr.part");
        } catch (IOException e) {
            err.println("allocrec record: cannot write to " + target.getParent() + ": " + e.getMessage());
            return EXIT_IO;
        }
        try {
            record(configuration, scenarios, checkedSizes, temporary, err);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (OutOfMemoryError e) {
            err.println("allocrec record: out of heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); run "
                    + "fewer or smaller sizes, or give it more with ALLOCREC_JAVA_OPTS=-Xmx...");
            return EXIT_OUT_OF_HEAP;
        } catch (IOException e) {
            err.println("allocrec record: cannot write " + target + ": " + e.getMessage());
            return EXIT_IO;
        } finally {
            Files.deleteIfExists(temporary);
        }
        err.println("allocrec record: wrote " + target);
        return 0;
    }

    private void record(Configuration configuration, List<CollectionScenario> scenarios, List<Integer> runSizes,
                        Path destination, PrintStream err) throws IOException {
        int largest = Collections.max(runSizes);
        String collectors = collectorNames();
        err.printf("allocrec record: %d scenarios x %d sizes (up to %,d), collector: %s%n",
                scenarios.size(), runSizes.size(), largest, collectors);
        if (!collectors.contains("PS MarkSweep")) {
            err.println("allocrec record: warning: retained bytes are exact only with -XX:+UseParallelGC");
        }
        KeyValueInputs inputs = KeyValueInputs.generate(largest, seed);
        SweepRunner runner = new SweepRunner(inputs, err);
        runner.warmUp(scenarios);
        try (Recording recording = new Recording(configuration)) {
            recording.setName("allocrec benchmark");
            recording.start();
            runner.run(scenarios, runSizes);
            recording.stop();
            recording.dump(destination);
        }
    }

    private List<CollectionScenario> checkedScenarios() {
        try {
            return Scenarios.named(scenarioNames);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Integer> checkedSizes() {
        if (sizes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--sizes needs at least one size");
        }
        long heap = Runtime.getRuntime().maxMemory();
        long fits = heap / HEAP_BYTES_PER_ELEMENT;
        for (int size : sizes) {
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
        return sizes.stream().distinct().sorted().toList();
    }

    private static String collectorNames() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}

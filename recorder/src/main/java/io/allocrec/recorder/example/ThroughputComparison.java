package io.allocrec.recorder.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What JFR with {@code production.jfc} costs {@link ExampleService} in throughput: runs the
 * service in a fresh JVM without JFR and with it, alternately, R rounds each, puts the same
 * closed-loop {@link LoadClient} load on it (from another fresh JVM) and compares the medians.
 *
 * <pre>
 * ThroughputComparison --settings profiles/production.jfc --out DIR [--rounds 3] [--seconds 10]
 *                      [--warmup 10] [--workers 4] [--threads 4]
 * </pre>
 *
 * Each JFR round writes {@code DIR/service.jfr} on exit (SIGTERM triggers {@code dumponexit}),
 * so the last one is left there. Exit codes: 0 done, 2 bad command line, 1 a round failed (the
 * service did not start, did not stop, answered with errors, or wrote no recording).
 */
public final class ThroughputComparison {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** Set while a service JVM runs, so that a shutdown of this JVM takes it down too. */
    private static volatile ServiceProcess running;
    /** Likewise for the load client's JVM. */
    private static volatile Process client;

    record Settings(Path jfc, Path out, int rounds, int seconds, int warmup, int workers, int threads) {
    }

    private ThroughputComparison() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("throughput: " + e.getMessage() + " (usage: ThroughputComparison --settings FILE.jfc"
                    + " --out DIR [--rounds 3] [--seconds 10] [--warmup 10] [--workers 4] [--threads 4])");
            System.exit(2);
            return;
        }
        // SIGTERM or SIGINT to this JVM (the launcher's trap sends one) stops the service JVM too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process load = client;
            if (load != null) {
                load.destroyForcibly();
            }
            ServiceProcess service = running;
            if (service != null) {
                service.close();
            }
        }, "stop-service"));
        try {
            run(settings);
        } catch (IOException e) {
            System.err.println("throughput: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Settings settings) throws IOException, InterruptedException {
        Files.createDirectories(settings.out());
        Path recording = settings.out().resolve("service.jfr").toAbsolutePath();
        // The option's own syntax separates with ',' and '=': such paths cannot be passed safely.
        String jfc = settings.jfc().toAbsolutePath().toString();
        if (jfc.matches(".*[,=].*") || recording.toString().matches(".*[,=].*")) {
            throw new IOException("paths passed to -XX:StartFlightRecording cannot contain ',' or '=': "
                    + jfc + ", " + recording);
        }
        List<String> jfrOn = List.of("-XX:StartFlightRecording:settings=" + jfc + ",filename=" + recording
                + ",dumponexit=true");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "throughput: %d rounds per mode, %d s warm-up + %d s measured each, "
                        + "%d client workers, %d service threads, %d cores (%s), JDK %s%n",
                settings.rounds(), settings.warmup(), settings.seconds(), settings.workers(), settings.threads(),
                cores, CpuPinning.available() ? "service on CPU 0, client on CPU 1" : "client and server share them",
                Runtime.version());

        double[] off = new double[settings.rounds()];
        double[] on = new double[settings.rounds()];
        double[] cpuOff = new double[settings.rounds()];
        double[] cpuOn = new double[settings.rounds()];
        for (int round = 0; round < settings.rounds(); round++) {
            // Alternating, so slow drifts of the machine (other builds, thermal) hit both modes.
            off[round] = round(settings, List.of(), "JFR off", round, cpuOff);
            Files.deleteIfExists(recording);
            on[round] = round(settings, jfrOn, "JFR on ", round, cpuOn);
            if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
                throw new IOException("the JFR round ended but wrote no recording at " + recording);
            }
        }

        double medianOff = median(off);
        double medianOn = median(on);
        double difference = (medianOn - medianOff) / medianOff * 100;
        double spread = Math.max(spread(off), spread(on));
        System.out.printf(Locale.ROOT, "JFR off: median %.1f requests/s (rounds: %s)%n", medianOff, list(off));
        System.out.printf(Locale.ROOT, "JFR on:  median %.1f requests/s (rounds: %s)%n", medianOn, list(on));
        System.out.printf(Locale.ROOT, "JFR on (%s) vs off: %+.1f%% (median of %d rounds of %d s, "
                        + "%d workers, %s)%n",
                settings.jfc().getFileName(), difference, settings.rounds(), settings.seconds(), settings.workers(),
                CpuPinning.available() ? "service and client on a CPU each" : cores + " cores shared by client and server");
        List<String> paired = new ArrayList<>();
        int slower = 0;
        int faster = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            double change = (on[round] - off[round]) / off[round] * 100;
            paired.add(String.format(Locale.ROOT, "%+.1f%%", change));
            slower += change < 0 ? 1 : 0;
            faster += change > 0 ? 1 : 0;
        }
        // Each JFR round ran right after its JFR-off round: a drift of the machine moves both.
        System.out.println("per round, JFR on vs the JFR-off round just before it: " + String.join(", ", paired));
        if (settings.rounds() > 1) {
            // Not a statistical test; it only keeps noise from being read as an overhead.
            boolean noise = Math.abs(difference) <= spread || (slower > 0 && faster > 0);
            System.out.printf(Locale.ROOT, "round-to-round spread: up to ±%.1f%% around a mode's median%s%n", spread,
                    noise ? "; the rounds disagree or vary as much as the difference: it is within the noise of "
                            + "this machine, not a measured overhead" : "");
        }
        double cpuDifference = (median(cpuOn) - median(cpuOff)) / median(cpuOff) * 100;
        System.out.printf(Locale.ROOT, "service CPU per request: JFR off median %.1f us (rounds: %s), on %.1f us "
                        + "(rounds: %s): %+.1f%% with JFR, spread up to ±%.1f%%%n", median(cpuOff), list(cpuOff),
                median(cpuOn), list(cpuOn), cpuDifference, Math.max(spread(cpuOff), spread(cpuOn)));
        System.out.println("recording of the last JFR round: " + settings.out().resolve("service.jfr"));
    }

    /**
     * One round: a fresh service JVM, the load, a graceful stop. Returns requests per second, and
     * records the service's CPU time per request of the measured window in {@code cpuPerRequest}:
     * a steadier figure than throughput on a busy machine, and the one JFR's cost adds to.
     */
    private static double round(Settings settings, List<String> jvmOptions, String label, int round,
                                double[] cpuPerRequest) throws IOException, InterruptedException {
        LoadClient.Result result;
        double cpuMicros;
        try (ServiceProcess service = ServiceProcess.start(jvmOptions, settings.threads(), START_TIMEOUT)) {
            running = service;
            ExecutorService clientThread = Executors.newSingleThreadExecutor();
            try {
                Future<LoadClient.Result> load = clientThread.submit(() -> runClient(settings, service.port()));
                Thread.sleep(settings.warmup() * 1000L);
                Duration before = service.cpuTime();
                result = load.get();
                cpuMicros = service.cpuTime().minus(before).toNanos() / 1000.0;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                clientThread.shutdownNow();
            }
            int exit = service.stop(STOP_TIMEOUT);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (and JFR's dump) and exited.
            if (exit != 0 && exit != 143) {
                throw new IOException("the service exited with code " + exit);
            }
        } finally {
            running = null;
        }
        cpuPerRequest[round] = result.requests() > 0 ? cpuMicros / result.requests() : Double.NaN;
        System.out.printf(Locale.ROOT, "round %d/%d %s: %s, service CPU %.1f us per request%n", round + 1,
                settings.rounds(), label, result, cpuPerRequest[round]);
        if (result.errors() > 0 || result.requests() == 0) {
            throw new IOException("round " + (round + 1) + " (" + label.trim() + ") had " + result.errors()
                    + " errors in " + result.requests() + " requests: not a throughput figure");
        }
        return result.requestsPerSecond();
    }

    /**
     * The load, from a fresh JVM each round: every round then starts from the same cold client,
     * where a client in this JVM would be JIT-compiled by the second round and favour later ones.
     */
    private static LoadClient.Result runClient(Settings settings, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CpuPinning.client());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadClient.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", Integer.toString(settings.workers()),
                "--warmup", Integer.toString(settings.warmup()), "--seconds", Integer.toString(settings.seconds())));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        client = process;
        try {
            process.getOutputStream().close();
            // One short line; the client bounds its own run (warm-up + duration + one request
            // timeout at most), so reading to its end cannot hang.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the load client did not exit");
            }
            if (process.exitValue() != 0) {
                throw new IOException("the load client failed with exit code " + process.exitValue());
            }
            return LoadClient.Result.parse(output)
                    .orElseThrow(() -> new IOException("unexpected load client output: " + output));
        } finally {
            process.destroyForcibly();
            client = null;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Half the range, as a percentage of the median: how far one round strays from the typical one. */
    private static double spread(double[] values) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        return (max - min) / 2 / median(values) * 100;
    }

    private static String list(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double value : values) {
            parts.add(String.format(Locale.ROOT, "%.1f", value));
        }
        return String.join(", ", parts);
    }

    static Settings parse(String[] args) {
        Path jfc = null;
        Path out = null;
        int rounds = 3;
        int seconds = 10;
        int warmup = 10; // the JIT is still compiling the service after 3 s
        int workers = 4;
        int threads = ExampleService.DEFAULT_THREADS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--settings" -> jfc = Path.of(CommandLine.value(args, ++i));
                case "--out" -> out = Path.of(CommandLine.value(args, ++i));
                case "--rounds" -> rounds = CommandLine.intValue(args, ++i, 1, 100);
                case "--seconds" -> seconds = CommandLine.intValue(args, ++i, 1, 3_600);
                case "--warmup" -> warmup = CommandLine.intValue(args, ++i, 0, 600);
                case "--workers" -> workers = CommandLine.intValue(args, ++i, 1, 256);
                case "--threads" -> threads = CommandLine.intValue(args, ++i, 1, 256);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (jfc == null || out == null) {
            throw new IllegalArgumentException("--settings and --out are required");
        }
        if (!Files.isRegularFile(jfc)) {
            throw new IllegalArgumentException("no settings file " + jfc);
        }
        return new Settings(jfc, out, rounds, seconds, warmup, workers, threads);
    }
}

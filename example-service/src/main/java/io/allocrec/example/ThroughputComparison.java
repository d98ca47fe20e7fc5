package io.allocrec.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What JFR with {@code production.jfc} costs {@link ExampleService} in throughput, under the
 * same closed-loop {@link LoadClient} load (from another fresh JVM) each time. Two ways:
 * <ul>
 * <li>{@code --same-jvm}: in one warm service JVM per round, a recording with each profile is
 * turned on and off in alternating windows ({@link Alternation}), and the windows are
 * compared in pairs ({@link PairedWindows}): resolves about a percent on a noisy machine. The
 * windows are written to {@code DIR/windows-N.csv} (N: the profile's position), and one more
 * JVM with JFR on from start-up writes {@code DIR/service.jfr} with the first profile.
 * <li>Otherwise: the service in fresh JVMs without JFR and with each profile, interleaved, R
 * rounds each, compared by their medians; JVM-to-JVM differences limit it to about 10% here.
 * Each JFR round writes {@code DIR/service.jfr} on exit (SIGTERM triggers {@code dumponexit}),
 * or {@code DIR/service-N.jfr} for the N-th of several profiles.
 * </ul>
 *
 * <p>{@code allocrec example-service} runs it; {@link ComparisonOptions} are its options.
 */
public final class ThroughputComparison {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDING_SECONDS = 30;
    private static final long SETTLE_MILLIS = ExampleService.SETTLE.toMillis();

    /** Set while a service JVM runs, so that a shutdown of this JVM takes it down too. */
    private static volatile ServiceProcess running;
    /** Likewise for the load client's JVM. */
    private static volatile Process client;

    /**
     * {@code windowSeconds} > 0: compare in one JVM, in alternating windows of that length. {@code agentJar} not
     * null: compare the allocrec agent's scopes with the endpoints' own, under a recording with the first profile.
     */
    public record Settings(List<Path> jfcs, Path out, int rounds, int seconds, int warmup, int workers, int threads,
                    int windowSeconds, Path agentJar) {
    }

    /** What one round measured: over its whole window, and the service's output meanwhile. */
    private record Round(double requestsPerSecond, double cpuMicrosPerRequest, List<String> output) {
    }

    private ThroughputComparison() {
    }

    /**
     * Runs the comparison; a shutdown of this JVM meanwhile (SIGTERM, SIGINT) stops the service
     * and client JVMs it started.
     *
     * @throws IOException when a round fails: the service did not start or stop, answered with
     *                     errors, or wrote no recording
     */
    public static void run(Settings settings) throws IOException, InterruptedException {
        Thread stopChildren = new Thread(ThroughputComparison::stopChildren, "stop-service");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        try {
            runRounds(settings);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        }
    }

    private static void stopChildren() {
        Process load = client;
        if (load != null) {
            load.destroyForcibly();
        }
        ServiceProcess service = running;
        if (service != null) {
            service.close();
        }
    }

    private static void runRounds(Settings settings) throws IOException, InterruptedException {
        if (settings.windowSeconds() > 0) {
            runAlternating(settings);
            return;
        }
        Files.createDirectories(settings.out());
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode("JFR off", List.of(), null));
        for (int i = 0; i < settings.jfcs().size(); i++) {
            // One recording per profile; named by position, since a profile's file name is user text.
            modes.add(recordingMode(settings.jfcs().get(i), settings.out().resolve(settings.jfcs().size() == 1
                    ? "service.jfr" : "service-" + (i + 1) + ".jfr")));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "throughput: %d rounds per mode, %d s warm-up + %d s measured each, "
                        + "%d client workers, %d service threads, %d cores (%s), JDK %s%n",
                settings.rounds(), settings.warmup(), settings.seconds(), settings.workers(), settings.threads(),
                cores, CpuPinning.available() ? "service on CPU 0, client on CPU 1" : "client and server share them",
                Runtime.version());

        int width = modes.stream().mapToInt(mode -> mode.label().length()).max().orElse(0);
        double[][] throughput = new double[modes.size()][settings.rounds()];
        double[][] cpu = new double[modes.size()][settings.rounds()];
        for (int round = 0; round < settings.rounds(); round++) {
            // Interleaved, so slow drifts of the machine (other builds, thermal) hit every mode.
            for (int m = 0; m < modes.size(); m++) {
                Mode mode = modes.get(m);
                if (mode.recording() != null) {
                    Files.deleteIfExists(mode.recording());
                }
                String label = String.format(Locale.ROOT, "%-" + width + "s", mode.label());
                Round result = round(settings, mode.jvmOptions(), List.of(),
                        roundName(round, settings) + " " + label);
                throughput[m][round] = result.requestsPerSecond();
                cpu[m][round] = result.cpuMicrosPerRequest();
                if (mode.recording() != null) {
                    requireRecording(mode.recording());
                }
            }
        }

        System.out.printf(Locale.ROOT, "%nmedians of %d rounds of %d s, %d workers, %s:%n", settings.rounds(),
                settings.seconds(), settings.workers(), CpuPinning.available()
                        ? "service and client on a CPU each" : cores + " cores shared by client and server");
        for (int m = 0; m < modes.size(); m++) {
            System.out.printf(Locale.ROOT, "%-" + width + "s  %9.1f requests/s (rounds: %s)%n", modes.get(m).label(),
                    median(throughput[m]), list(throughput[m]));
            System.out.printf(Locale.ROOT, "%-" + width + "s  %9.1f us service CPU per request (rounds: %s)%n", "",
                    median(cpu[m]), list(cpu[m]));
        }
        for (int m = 1; m < modes.size(); m++) {
            System.out.println();
            compare(modes.get(m).label(), throughput[0], throughput[m], "requests/s", false);
            compare(modes.get(m).label(), cpu[0], cpu[m], "service CPU per request", true);
        }
        for (int m = 1; m < modes.size(); m++) {
            System.out.println("recording of the last round with " + modes.get(m).label() + ": "
                    + modes.get(m).recording());
        }
    }

    private static String roundName(int round, Settings settings) {
        return "round " + (round + 1) + "/" + settings.rounds();
    }

    /** A way of running the service: its JVM options, and the recording they make, if any. */
    private record Mode(String label, List<String> jvmOptions, Path recording) {
    }

    /** The service with JFR on from start-up with {@code jfc}, writing {@code recording} on exit. */
    private static Mode recordingMode(Path jfc, Path recording) throws IOException {
        String settingsPath = jfc.toAbsolutePath().toString();
        String recordingPath = recording.toAbsolutePath().toString();
        // The option's own syntax separates with ',' and '=': such paths cannot be passed safely.
        if (settingsPath.matches(".*[,=].*") || recordingPath.matches(".*[,=].*")) {
            throw new IOException("paths passed to -XX:StartFlightRecording cannot contain ',' or '=': "
                    + settingsPath + ", " + recordingPath);
        }
        return new Mode("JFR " + jfc.getFileName(), List.of("-XX:StartFlightRecording:settings=" + settingsPath
                + ",filename=" + recordingPath + ",dumponexit=true"), recording.toAbsolutePath());
    }

    private static void requireRecording(Path recording) throws IOException {
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            throw new IOException("the JFR round ended but wrote no recording at " + recording);
        }
    }

    /** Prints how a JFR mode compares with the JFR-off rounds, and whether that is more than noise. */
    private static void compare(String label, double[] off, double[] on, String what, boolean higherIsWorse) {
        double difference = (median(on) - median(off)) / median(off) * 100;
        List<String> paired = new ArrayList<>();
        int worse = 0;
        int better = 0;
        for (int round = 0; round < off.length; round++) {
            double change = (on[round] - off[round]) / off[round] * 100;
            paired.add(String.format(Locale.ROOT, "%+.1f%%", change));
            boolean costlier = higherIsWorse ? change > 0 : change < 0;
            worse += costlier ? 1 : 0;
            better += change != 0 && !costlier ? 1 : 0;
        }
        double spread = Math.max(spread(off), spread(on));
        System.out.printf(Locale.ROOT, "%s vs JFR off, %s: %+.1f%% (medians); per round: %s; spread up to "
                + "±%.1f%%%n", label, what, difference, String.join(", ", paired), spread);
        // Not a statistical test; it only keeps noise from being read as an overhead.
        if (off.length > 1 && (Math.abs(difference) <= spread || (worse > 0 && better > 0))) {
            System.out.printf(Locale.ROOT, "  the rounds disagree (costlier in %d of %d) or vary as much as the "
                    + "difference: read it as noise of this machine, not as a measured overhead%n", worse, off.length);
        }
    }

    /**
     * One round: a fresh service JVM, the load, a graceful stop. Returns requests per second and
     * the service's CPU time per request (in microseconds) of the measured window: a steadier
     * figure than throughput on a busy machine, and the one JFR's cost adds to.
     */
    private static Round round(Settings settings, List<String> jvmOptions, List<String> serviceArguments,
                               String label) throws IOException, InterruptedException {
        LoadClient.Result result;
        double cpuMicros;
        List<String> output;
        try (ServiceProcess service = ServiceProcess.start(jvmOptions, settings.threads(), serviceArguments,
                START_TIMEOUT)) {
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
            output = service.takeOutput();
            int exit = service.stop(STOP_TIMEOUT);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (and JFR's dump) and exited.
            if (exit != 0 && exit != 143) {
                throw new IOException("the service exited with code " + exit);
            }
        } finally {
            running = null;
        }
        double cpuPerRequest = result.requests() > 0 ? cpuMicros / result.requests() : Double.NaN;
        System.out.printf(Locale.ROOT, "%s: %s, service CPU %.1f us per request%n", label, result, cpuPerRequest);
        if (result.errors() > 0 || result.requests() == 0) {
            throw new IOException(label.trim() + " had " + result.errors()
                    + " errors in " + result.requests() + " requests: not a throughput figure");
        }
        return new Round(result.requestsPerSecond(), cpuPerRequest, output);
    }

    /**
     * The same-JVM comparison: for each profile and round, one service JVM that turns a recording
     * with that profile on and off in alternating windows ({@link Alternation}) under the
     * load; the windows of the measured interval are compared in pairs ({@link PairedWindows}).
     */
    private static void runAlternating(Settings settings) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "throughput, same JVM: recording on and off in turns, %d s windows after "
                        + "%d ms of settling (not measured) per switch; %d s warm-up + %d s measured per JVM, %d JVM(s)"
                        + " per profile, %d client workers, %d service threads, %s, JDK %s%n",
                settings.windowSeconds(), SETTLE_MILLIS, settings.warmup(), settings.seconds(), settings.rounds(),
                settings.workers(), settings.threads(), CpuPinning.available() ? "service and client on a CPU each"
                        : "client and server share the cores", Runtime.version());
        Files.createDirectories(settings.out());
        if (settings.agentJar() != null) {
            compareAgentScopes(settings);
            return;
        }
        for (int p = 0; p < settings.jfcs().size(); p++) {
            Path jfc = settings.jfcs().get(p);
            List<String> arguments = List.of("--alternate-jfr", jfc.toAbsolutePath().toString(),
                    "--window-seconds", Integer.toString(settings.windowSeconds()));
            List<List<Window>> jvms = alternatingRounds(settings, List.of(), arguments, "alternating " + jfc.getFileName());
            AlternationSummary.print(jfc.getFileName().toString(), "with the recording on", jvms);
            AlternationSummary.write(jvms, settings.out().resolve("windows-" + (p + 1) + ".csv"));
        }
        // The alternation discards its recordings; one more JVM, with JFR on from start-up as a
        // service would run it, leaves a recording of the first profile for report to read.
        Mode recorded = recordingMode(settings.jfcs().get(0), settings.out().resolve("service.jfr"));
        Files.deleteIfExists(recorded.recording());
        // 30 s at most: some 180,000 requests, plenty for the report; the figures come from above.
        Settings shorter = new Settings(settings.jfcs(), settings.out(), 1, Math.min(settings.seconds(),
                RECORDING_SECONDS), settings.warmup(), settings.workers(), settings.threads(), 0, null);
        round(shorter, recorded.jvmOptions(), List.of(), "recording for report, " + recorded.label());
        requireRecording(recorded.recording());
        System.out.println("recording with " + settings.jfcs().get(0).getFileName() + ": " + recorded.recording());
    }

    /**
     * The agent's scopes against the endpoints' own, in one warm JVM that runs the agent from start-up and a
     * recording with the first profile throughout: each request's scope is opened by one or the other in
     * alternating windows ({@link Alternation#ofScopeSource}). This JVM's recording is the one report reads.
     */
    private static void compareAgentScopes(Settings settings) throws IOException, InterruptedException {
        Path jfc = settings.jfcs().get(0);
        Mode recorded = recordingMode(jfc, settings.out().resolve("service.jfr"));
        Files.deleteIfExists(recorded.recording());
        List<String> options = new ArrayList<>(List.of("-javaagent:" + settings.agentJar().toAbsolutePath()
                + "=scopes=" + ScopeSource.AGENT_FILTERS));
        options.addAll(recorded.jvmOptions());
        List<String> arguments = List.of("--alternate-scopes", "--window-seconds", Integer.toString(settings.windowSeconds()));
        List<List<Window>> jvms = alternatingRounds(settings, options, arguments, "agent and code scopes in turns");
        AlternationSummary.print("agent scopes against scopes in code, " + jfc.getFileName() + " recording throughout",
                "with the agent's scopes instead of the code's", jvms);
        AlternationSummary.write(jvms, settings.out().resolve("windows-agent.csv"));
        requireRecording(recorded.recording());
        System.out.println("recording with " + jfc.getFileName() + " (the last round's): " + recorded.recording());
    }

    /** Rounds of one service JVM each that alternates; the windows of each JVM's measured interval. */
    private static List<List<Window>> alternatingRounds(Settings settings, List<String> jvmOptions,
                                                        List<String> arguments, String label)
            throws IOException, InterruptedException {
        // One list per JVM: changes are only taken within one, a boundary between JVMs is no pair.
        List<List<Window>> jvms = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            Round result = round(settings, jvmOptions, arguments, roundName(round, settings) + " " + label);
            // Only windows wholly inside the client's measured interval: before it the JIT is
            // still compiling, after it the load is gone. The client's JVM starts a little after
            // the service's alternation, so its interval begins a little later too.
            long from = settings.warmup() * 1000L;
            long to = from + settings.seconds() * 1000L;
            jvms.add(result.output().stream().map(Window::parse).flatMap(Optional::stream)
                    .filter(window -> window.startMillis() >= from && window.endMillis() <= to)
                    .toList());
        }
        return jvms;
    }

    /**
     * The load, from a fresh JVM each round: every round then starts from the same cold client,
     * where a client in this JVM would be JIT-compiled by the second round and favour later ones.
     */
    private static LoadClient.Result runClient(Settings settings, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CpuPinning.client());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadClientMain.class.getName(),
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
}

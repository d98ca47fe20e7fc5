package io.allocrec.example;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Runs a JFR recording in this JVM on and off in turns (off, on, off, on, ...) and prints, for
 * each window, the requests the service completed and the CPU time the process used. Comparing
 * adjacent windows of one warm JVM measures what the recording costs far more precisely than
 * comparing separate JVMs, whose JIT decisions and heap sizing alone differ by 10% or more.
 *
 * <p>Each switch is followed by a settling pause that is not measured: starting a recording and
 * stopping it (which writes its last chunk) are one-time costs of a long-running recording, not
 * part of its steady cost. The recording is discarded when stopped. Printed lines:
 * <pre>window on|off START_MS DURATION_NS REQUESTS CPU_NS</pre>
 * where START_MS counts from when the alternation began.
 */
final class JfrAlternation implements Runnable {

    private final Configuration configuration;
    private final Duration window;
    private final Duration settle;
    private final LongSupplier completedRequests;
    private final PrintStream out;

    private JfrAlternation(Configuration configuration, Duration window, Duration settle,
                           LongSupplier completedRequests, PrintStream out) {
        this.configuration = configuration;
        this.window = window;
        this.settle = settle;
        this.completedRequests = completedRequests;
        this.out = out;
    }

    /** Reads the settings file now, so that a bad one fails before the service says it listens. */
    static JfrAlternation of(Path settings, Duration window, Duration settle, LongSupplier completedRequests,
                             PrintStream out) throws IOException {
        try {
            return new JfrAlternation(Configuration.create(settings), window, settle, completedRequests, out);
        } catch (ParseException e) {
            throw new IOException("cannot read JFR settings " + settings + ": " + e.getMessage(), e);
        }
    }

    /** Starts the alternation on a daemon thread; interrupting that thread ends it. */
    Thread startThread() {
        Thread thread = new Thread(this, "jfr-alternation");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long origin = System.nanoTime();
        try {
            while (true) {
                sleep(settle);
                measure("off", origin);
                try (Recording recording = new Recording(configuration)) {
                    recording.start();
                    sleep(settle);
                    measure("on", origin);
                    recording.stop();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // For example JFR not available in this JVM: a silent thread would only look like a
            // run too short to have windows.
            System.err.println("example-service: the JFR alternation failed: " + e);
            System.exit(1);
        }
    }

    private void measure(String mode, long origin) throws InterruptedException {
        long start = System.nanoTime();
        long requests = completedRequests.getAsLong();
        long cpu = processCpuNanos();
        sleep(window);
        long duration = System.nanoTime() - start;
        long served = completedRequests.getAsLong() - requests;
        long used = processCpuNanos() - cpu;
        out.printf(Locale.ROOT, "window %s %d %d %d %d%n", mode, (start - origin) / 1_000_000, duration, served,
                used);
        out.flush();
    }

    /** CPU time of all the process's threads, JFR's own included: what the recording adds to. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}

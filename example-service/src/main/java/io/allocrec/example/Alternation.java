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
 * Switches something in this JVM off and on in turns (off, on, off, on, ...) and prints, for each
 * window, the requests the service completed and the CPU time the process used: a JFR recording,
 * or who opens the requests' scopes ({@link ScopeSource}: on is the agent, off is the code).
 * Comparing adjacent windows of one warm JVM measures the difference far more precisely than
 * comparing separate JVMs, whose JIT decisions and heap sizing alone differ by 10% or more.
 *
 * <p>Each switch is followed by a settling pause that is not measured: starting a recording and
 * stopping it (which writes its last chunk) are one-time costs of a long-running recording, not
 * part of its steady cost. A recording is discarded when stopped. Printed lines:
 * <pre>window on|off START_MS DURATION_NS REQUESTS CPU_NS</pre>
 * where START_MS counts from when the alternation began.
 */
final class Alternation implements Runnable {

    /** What is switched. */
    interface Toggle {
        void on();

        void off();
    }

    private final Toggle toggle;
    private final Duration window;
    private final Duration settle;
    private final LongSupplier completedRequests;
    private final PrintStream out;

    private Alternation(Toggle toggle, Duration window, Duration settle, LongSupplier completedRequests,
                        PrintStream out) {
        this.toggle = toggle;
        this.window = window;
        this.settle = settle;
        this.completedRequests = completedRequests;
        this.out = out;
    }

    /** A recording with these settings, on and off; a bad file fails now, before the service says it listens. */
    static Alternation ofRecording(Path settings, Duration window, Duration settle, LongSupplier completedRequests,
                                   PrintStream out) throws IOException {
        Configuration configuration;
        try {
            configuration = Configuration.create(settings);
        } catch (ParseException e) {
            throw new IOException("cannot read JFR settings " + settings + ": " + e.getMessage(), e);
        }
        return new Alternation(new RecordingToggle(configuration), window, settle, completedRequests, out);
    }

    /** The agent's scopes (on) against the endpoints' own (off). */
    static Alternation ofScopeSource(Duration window, Duration settle, LongSupplier completedRequests, PrintStream out) {
        Toggle scopes = new Toggle() {
            @Override
            public void on() {
                Endpoint.scopeSource = ScopeSource.AGENT;
            }

            @Override
            public void off() {
                Endpoint.scopeSource = ScopeSource.CODE;
            }
        };
        return new Alternation(scopes, window, settle, completedRequests, out);
    }

    /** Starts the alternation on a daemon thread; interrupting that thread ends it. */
    Thread startThread() {
        Thread thread = new Thread(this, "alternation");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long origin = System.nanoTime();
        try {
            while (true) {
                toggle.off();
                sleep(settle);
                measure("off", origin);
                toggle.on();
                sleep(settle);
                measure("on", origin);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // For example JFR not available in this JVM: a silent thread would only look like a
            // run too short to have windows.
            System.err.println("example-service: the alternation failed: " + e);
            System.exit(1);
        } finally {
            toggle.off();
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

    /** A recording started for each on-window and discarded after it. */
    private static final class RecordingToggle implements Toggle {
        private final Configuration configuration;
        private Recording recording;

        RecordingToggle(Configuration configuration) {
            this.configuration = configuration;
        }

        @Override
        public void on() {
            recording = new Recording(configuration);
            recording.start();
        }

        @Override
        public void off() {
            if (recording != null) {
                recording.stop();
                recording.close();
                recording = null;
            }
        }
    }
}

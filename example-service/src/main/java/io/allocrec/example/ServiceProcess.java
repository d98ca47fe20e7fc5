package io.allocrec.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link ExampleService} in its own JVM: same java binary and class path as this one, extra
 * JVM options as given. Started, it is listening; {@link #stop} ends it the way an orchestrator
 * would (SIGTERM, so JFR's dump-on-exit runs) and waits for it; {@link #close} makes sure it is
 * gone whatever happened before.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");
    private static final String END_OF_OUTPUT = "\0end";

    private final Process process;
    private final int port;
    private final BlockingQueue<String> lines;

    private ServiceProcess(Process process, int port, BlockingQueue<String> lines) {
        this.process = process;
        this.port = port;
        this.lines = lines;
    }

    /** Starts the service JVM and waits until it prints its port; fails if it dies or times out. */
    static ServiceProcess start(List<String> jvmOptions, int threads, Duration startTimeout)
            throws IOException, InterruptedException {
        return start(jvmOptions, threads, List.of(), startTimeout);
    }

    /** As {@link #start(List, int, Duration)}, with more arguments for the service's main. */
    static ServiceProcess start(List<String> jvmOptions, int threads, List<String> serviceArguments,
                                Duration startTimeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CpuPinning.service());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceMain.class.getName(),
                "--port", "0", "--threads", Integer.toString(threads), "--exit-with-parent"));
        command.addAll(serviceArguments);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();

        // Read stdout on a thread so a silent or hung service cannot block us past the timeout,
        // and keep reading after the port line so the service never blocks on a full pipe.
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone; reported below
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }, "service-stdout");
        reader.setDaemon(true);
        reader.start();

        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IOException("the service printed no 'listening on PORT' within "
                            + startTimeout.toSeconds() + " s" + shown(before));
                }
                if (line.equals(END_OF_OUTPUT)) {
                    throw new IOException("the service exited before listening" + shown(before));
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches()) {
                    // Lines before the port are JFR's start-up notice: dropped unless start-up fails.
                    return new ServiceProcess(process, Integer.parseInt(matcher.group(1)), lines);
                }
                before.add(line);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** The lines the service printed after its port line and not taken yet. */
    List<String> takeOutput() {
        List<String> taken = new ArrayList<>();
        lines.drainTo(taken);
        taken.remove(END_OF_OUTPUT);
        return taken;
    }

    /** Sends SIGTERM and waits for the JVM (and its dump on exit) to finish; returns its exit code. */
    int stop(Duration timeout) throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("the service did not exit within " + timeout.toSeconds()
                    + " s of SIGTERM; killed it");
        }
        return process.exitValue();
    }

    /** CPU time the service process has used so far (all its threads, JFR's included). */
    Duration cpuTime() throws IOException {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("the OS does not report the service's CPU time"));
    }

    /** Stops the service if it still runs: gracefully for a while, then by force. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(Duration.ofSeconds(30));
        } catch (IOException e) {
            System.err.println("throughput: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String shown(List<String> lines) {
        return lines.isEmpty() ? "" : "; its output: " + String.join(" | ", lines);
    }
}

package io.allocrec.example;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load generator for {@link ExampleService}, on loopback only: each of N workers
 * sends its next request as soon as the previous one is answered, cycling through a fixed mix
 * of the three endpoints (a third each). It runs for a warm-up, which is not counted, then for
 * the measured duration, and never sends more than a maximum number of requests in all.
 *
 * {@link LoadClientMain} runs it in a JVM of its own.
 */
public final class LoadClient {

    /** The mix each worker cycles through, starting at a different offset per worker. */
    static final List<String> MIX = List.of(
            "/orders",
            "/search?q=" + SearchEndpoint.productName(1234),
            "/health",
            "/orders",
            "/search?q=no-such-product",
            "/health");

    /** What to run; the constructor refuses anything but loopback and unbounded runs. */
    public record Options(String host, int port, int workers, Duration warmup, Duration duration, long maxRequests) {
        public Options {
            if (!isLoopback(host)) {
                throw new IllegalArgumentException("the load client only targets this machine: host must be "
                        + "127.0.0.1 or localhost, not '" + host + "'");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 1 to 65535");
            }
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("workers must be from 1 to 256");
            }
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
            }
            if (maxRequests < 1) {
                throw new IllegalArgumentException("max requests must be at least 1");
            }
        }

        /** The defaults: 4 workers, 3 s of warm-up, 10 s measured, at most 5 million requests. */
        public static Options defaults(String host, int port) {
            return new Options(host, port, 4, Duration.ofSeconds(3), Duration.ofSeconds(10), 5_000_000);
        }
    }

    /** Requests answered in the measured window (errors included), the errors among them, and its length. */
    public record Result(long requests, long errors, double seconds) {
        /** Successful requests per second of the measured window. */
        public double requestsPerSecond() {
            return seconds > 0 ? (requests - errors) / seconds : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests in %.3f s, %.1f requests/s, %d errors",
                    requests, seconds, requestsPerSecond(), errors);
        }

        /** Reads back the line {@link #toString} wrote (as another JVM's {@code main} prints it). */
        static Optional<Result> parse(String line) {
            Matcher matcher = RESULT.matcher(line);
            return matcher.find()
                    ? Optional.of(new Result(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(3)),
                            Double.parseDouble(matcher.group(2))))
                    : Optional.empty();
        }
    }

    private static final Pattern RESULT =
            Pattern.compile("^(\\d+) requests in ([0-9.]+) s, [0-9.]+ requests/s, (\\d+) errors");

    private LoadClient() {
    }

    /** Exactly "127.0.0.1" or "localhost": no name that could resolve off this machine. */
    static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host);
    }

    /** Runs the load and returns the measured window's figures. */
    public static Result run(Options options) throws InterruptedException {
        // Always 127.0.0.1, even for "localhost": a hosts file cannot redirect it, and the
        // service listens on IPv4 loopback only.
        List<byte[]> mix = new ArrayList<>();
        for (String path : MIX) {
            mix.add(KeepAliveConnection.request(path, options.port()));
        }

        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long deadline = measureFrom + options.duration().toNanos();
        AtomicLong sent = new AtomicLong();
        LongAdder answered = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicLong lastFinish = new AtomicLong(measureFrom);

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < options.workers(); w++) {
            int offset = w;
            Thread thread = new Thread(() -> {
                Worker worker = new Worker(options.port());
                int next = offset;
                while (System.nanoTime() < deadline && sent.incrementAndGet() <= options.maxRequests()) {
                    boolean ok = worker.send(mix.get(next++ % mix.size()));
                    // Counted by completion time, inside [end of warm-up, deadline): the window's
                    // length below is then exactly the time these requests were answered in.
                    long now = System.nanoTime();
                    if (now >= measureFrom && now < deadline) {
                        answered.increment();
                        if (!ok) {
                            errors.increment();
                        }
                    }
                }
                worker.close();
                lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
            }, "load-client-" + (w + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // The window ends at the deadline, or earlier if the request bound stopped the workers.
        long end = Math.min(deadline, lastFinish.get());
        return new Result(answered.sum(), errors.sum(), Math.max(0, end - measureFrom) / 1e9);
    }

    /** One worker's connection, opened again after any failure. */
    private static final class Worker {

        private final int port;
        private KeepAliveConnection connection;

        Worker(int port) {
            this.port = port;
        }

        /** One request; false on any failure (a status other than 200, a timeout, a refused connection). */
        boolean send(byte[] request) {
            try {
                if (connection == null) {
                    connection = KeepAliveConnection.open(port);
                }
                int status = connection.exchange(request);
                if (!connection.isOpen()) {
                    close();
                }
                return status == 200;
            } catch (IOException | RuntimeException e) {
                close();
                // A service that is gone refuses at once: do not spin on it.
                pause();
                return false;
            }
        }

        private static void pause() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // nothing left to do with it
                }
                connection = null;
            }
        }
    }
}

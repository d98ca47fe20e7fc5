package io.allocrec.example;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP service whose three endpoints allocate very differently, each request wrapped in
 * an {@code AllocationScope} named after its endpoint. Allocated per request: {@code GET /orders}
 * about 130 KB, {@code GET /search?q=...} about 740 KB, {@code GET /health} about 140 bytes.
 *
 * <p>Listens on 127.0.0.1 only. {@link ServiceMain} runs it in a JVM of its own.
 */
public final class ExampleService implements AutoCloseable {

    static final int DEFAULT_THREADS = 4;

    /** The unmeasured pause after each switch of {@code --alternate-jfr}. */
    static final Duration SETTLE = Duration.ofMillis(500);

    private final HttpServer server;
    private final ExecutorService workers;
    private final LongAdder completedRequests;
    /** Null unless started with metrics. */
    private final MetricsEndpoint metrics;

    private ExampleService(HttpServer server, ExecutorService workers, LongAdder completedRequests,
            MetricsEndpoint metrics) {
        this.server = server;
        this.workers = workers;
        this.completedRequests = completedRequests;
        this.metrics = metrics;
    }

    /** Starts the service on 127.0.0.1:{@code port} (0: any free port) with {@code threads} workers. */
    public static ExampleService start(int port, int threads) throws IOException {
        return start(port, threads, false);
    }

    /**
     * As {@link #start(int, int)}; with {@code publishMetrics}, also serves {@code GET /metrics}: each
     * endpoint's allocation per request in Prometheus' text format. That streams the service's scopes
     * with JFR for as long as it runs, so every scope records: leave it off when measuring what
     * recording costs (the throughput comparison's windows without JFR would have it on).
     */
    public static ExampleService start(int port, int threads, boolean publishMetrics) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        // The JDK server writes headers and body separately; with Nagle's algorithm on (its
        // default) the body then waits for the client's delayed ACK, about 40 ms per request.
        // Read once, when the first server is created: set it before that unless the user did.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // Loopback only: this is a demonstration, not something to expose on a network.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        LongAdder completedRequests = new LongAdder();
        Filter counting = new CountingFilter(completedRequests);
        for (Endpoint endpoint : List.of(new OrdersEndpoint(), new SearchEndpoint(), new HealthEndpoint())) {
            server.createContext(endpoint.path(), endpoint).getFilters().add(counting);
        }
        MetricsEndpoint metrics = publishMetrics ? new MetricsEndpoint() : null;
        if (metrics != null) {
            server.createContext(MetricsEndpoint.PATH, metrics);
        }
        // Paths no context claims get the server's own 404.
        // A fixed pool: requests run on a few long-lived threads, as in most services, so each
        // thread's allocation counter (what a scope reads) spans many requests.
        AtomicInteger counter = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "example-service-" + counter.incrementAndGet()));
        server.setExecutor(workers);
        server.start();
        return new ExampleService(server, workers, completedRequests, metrics);
    }

    /** The port the service is bound to. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered so far by the endpoints (not the server's own 404s). */
    public long completedRequests() {
        return completedRequests.sum();
    }

    /** Counts exchanges the endpoint has finished with, successful or not. */
    private static final class CountingFilter extends Filter {

        private final LongAdder completed;

        CountingFilter(LongAdder completed) {
            this.completed = completed;
        }

        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            try {
                chain.doFilter(exchange);
            } finally {
                completed.increment();
            }
        }

        @Override
        public String description() {
            return "counts completed requests";
        }
    }

    /** Stops accepting, drops open exchanges and stops the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}

package io.allocrec.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.allocrec.micrometer.AllocationMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the scopes' allocation per call ({@link AllocationMetrics}) in Prometheus'
 * text format, for a Prometheus server to scrape. Not an {@link Endpoint}: it opens no scope, and
 * the load client never calls it.
 */
final class MetricsEndpoint implements HttpHandler, AutoCloseable {

    static final String PATH = "/metrics";
    // Prometheus' text exposition format, which PrometheusMeterRegistry.scrape() writes.
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AllocationMetrics allocationMetrics = new AllocationMetrics();

    MetricsEndpoint() {
        allocationMetrics.bindTo(registry);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            int status;
            byte[] body;
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                status = 404;
                body = "no such endpoint\n".getBytes(StandardCharsets.UTF_8);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                status = 405;
                body = "only GET is supported\n".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? CONTENT_TYPE : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    /** Stops the stream, then the registry. */
    @Override
    public void close() {
        allocationMetrics.close();
        registry.close();
    }
}

package io.allocrec.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.ScenarioEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} scraped over HTTP as Prometheus would, against a recording of the same
 * requests read with the JDK's own parser: per endpoint, the same calls and the same exact bytes.
 */
class MetricsEndpointTest {

    private static final int REQUESTS = 20;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    @Test
    void scrapeAgreesWithTheRecordingOfTheSameRequests() throws Exception {
        Map<String, Long> recordedBytes;
        Map<String, Long> recordedCalls;
        String before;
        String after;
        try (ExampleService service = ExampleService.start(0, 2, true)) {
            HttpResponse<String> first = get(service, "/metrics");
            assertEquals(200, first.statusCode());
            assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            // The stream starts on a thread of its own: call /health until one shows, then until all have.
            int health = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (value(get(service, "/metrics").body(), "count", "GET /health") < 1) {
                assertTrue(System.nanoTime() < deadline, "no /health call in /metrics");
                assertEquals(200, get(service, "/health").statusCode());
                health++;
            }
            before = scrapeWhen(service, Map.of("GET /health", health));
            try (Recording recording = new Recording()) {
                recording.enable(ScenarioEvent.NAME).withThreshold(Duration.ZERO);
                recording.start();
                for (int i = 0; i < REQUESTS; i++) {
                    assertEquals(200, get(service, "/orders").statusCode());
                    assertEquals(200, get(service, "/search?q=product-0" + (1000 + i)).statusCode());
                    assertEquals(200, get(service, "/health").statusCode());
                }
                // A scope commits before its response is sent: every event is in.
                recording.stop();
                Path file = folder.resolve("requests.jfr");
                recording.dump(file);
                List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals(ScenarioEvent.NAME)).toList();
                recordedBytes = events.stream().collect(Collectors.groupingBy(e -> e.getString("name"),
                        Collectors.summingLong(e -> e.getLong("allocatedBytes"))));
                recordedCalls = events.stream().collect(Collectors.groupingBy(e -> e.getString("name"), Collectors.counting()));
            }
            after = scrapeWhen(service, Map.of("GET /health", health + REQUESTS, "GET /orders", REQUESTS, "GET /search", REQUESTS));
        }
        assertEquals(Map.of("GET /health", (long) REQUESTS, "GET /orders", (long) REQUESTS, "GET /search", (long) REQUESTS),
                recordedCalls);
        for (String scope : List.of("GET /health", "GET /orders", "GET /search")) {
            assertEquals(REQUESTS, value(after, "count", scope) - value(before, "count", scope), scope + ": calls");
            assertEquals((double) recordedBytes.get(scope), value(after, "sum", scope) - value(before, "sum", scope), scope + ": bytes");
        }
        assertTrue(value(after, "sum", "GET /search") / REQUESTS > 200_000, "search: hundreds of KB a call:\n" + after);
    }

    /** GET /metrics until each scope has exactly its count (more would mean calls the test did not make). */
    private String scrapeWhen(ExampleService service, Map<String, Integer> counts) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String scrape = get(service, "/metrics").body();
            if (counts.entrySet().stream().allMatch(c -> value(scrape, "count", c.getKey()) >= c.getValue())) {
                counts.forEach((scope, count) -> assertEquals((double) count, value(scrape, "count", scope), scope));
                return scrape;
            }
            assertTrue(System.nanoTime() < deadline, "not counted within " + WAIT + ": " + counts + "\n" + scrape);
            Thread.sleep(50);
        }
    }

    /** allocrec_scope_allocated_bytes_SUFFIX{scope="SCOPE"} from a scrape; 0 when absent. */
    private static double value(String scrape, String suffix, String scope) {
        Matcher m = Pattern.compile("^allocrec_scope_allocated_bytes_" + suffix + "\\{scope=\"" + Pattern.quote(scope)
                + "\"\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private HttpResponse<String> get(ExampleService service, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

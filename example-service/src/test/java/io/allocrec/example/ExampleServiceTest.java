package io.allocrec.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.ScenarioEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example service in-process, under a real recording read back with the JDK's own parser. */
class ExampleServiceTest {

    private static final int REQUESTS_PER_ENDPOINT = 5;

    @TempDir
    Path folder;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    @Test
    void recordsOneScopePerRequestNamedAfterItsEndpoint() throws Exception {
        Map<String, List<Long>> allocated;
        try (ExampleService service = ExampleService.start(0, 2)) {
            // One request each before recording: first-use costs (class loading, string
            // concatenation bootstraps) would otherwise land in the first scope of each endpoint.
            for (String path : List.of("/orders", "/search?q=product-00001", "/health")) {
                assertEquals(200, get(service, path).statusCode());
            }
            try (Recording recording = new Recording()) {
                recording.enable(ScenarioEvent.NAME).withThreshold(Duration.ZERO);
                recording.start();
                for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                    HttpResponse<String> orders = get(service, "/orders");
                    assertEquals(200, orders.statusCode());
                    assertTrue(orders.body().length() > 10_000, "tens of KB of orders: " + orders.body().length());
                    HttpResponse<String> search = get(service, "/search?q=product-0" + (1000 + i));
                    assertEquals(200, search.statusCode());
                    assertTrue(search.body().contains("\"found\":true,\"id\":" + (1000 + i)), search.body());
                    assertEquals(200, get(service, "/health").statusCode());
                }
                // Refused requests: 4xx, and no scope (they are rejected before the work starts).
                assertEquals(400, get(service, "/search").statusCode());
                assertEquals(400, get(service, "/search?q=" + "x".repeat(SearchEndpoint.MAX_QUERY_LENGTH + 1)).statusCode());
                assertEquals(400, rawStatus(service, "/search?q=%zz"), "malformed escape, which HttpClient will not send");
                assertEquals(400, get(service, "/orders?count=-1").statusCode());
                assertEquals(404, get(service, "/orders/42").statusCode());
                assertEquals(404, get(service, "/nothing").statusCode());
                HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(service, "/orders"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, post.statusCode());
                // A scope commits before its response is sent, so every event is in by now.
                recording.stop();
                Path file = folder.resolve("service.jfr");
                recording.dump(file);
                allocated = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals(ScenarioEvent.NAME))
                        .collect(Collectors.groupingBy(e -> e.getString("name"), TreeMap::new,
                                Collectors.mapping(ExampleServiceTest::allocatedOnAServiceThread,
                                        Collectors.toList())));
            }
            // Still serving after the bad requests.
            assertEquals(200, get(service, "/health").statusCode());
        }

        assertEquals(List.of("GET /health", "GET /orders", "GET /search"), new ArrayList<>(allocated.keySet()));
        allocated.forEach((name, bytes) -> {
            assertEquals(REQUESTS_PER_ENDPOINT, bytes.size(), name);
            assertTrue(bytes.stream().allMatch(b -> b > 0), name + " " + bytes);
        });
        long healthMax = max(allocated.get("GET /health"));
        long ordersMin = min(allocated.get("GET /orders"));
        long ordersMax = max(allocated.get("GET /orders"));
        long searchMin = min(allocated.get("GET /search"));
        // The three profiles are apart by an order of magnitude or more, request by request.
        String figures = allocated.toString();
        assertTrue(healthMax < 1_000, "health allocates almost nothing: " + figures);
        assertTrue(ordersMin > 20 * 1024 && 10 * healthMax < ordersMin, "orders: tens of KB: " + figures);
        assertTrue(searchMin > 200 * 1024 && 2 * ordersMax < searchMin, "search: hundreds of KB: " + figures);
        System.out.println("allocated bytes per request: " + figures);
    }

    @Test
    void loadClientRefusesAnyHostButLoopback() {
        for (String host : List.of("example.com", "10.0.0.1", "0.0.0.0", "127.0.0.2", "::1", "localhost.example.com", "")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> LoadClient.Options.defaults(host, 8080), host);
            assertTrue(refused.getMessage().contains("127.0.0.1 or localhost"), refused.getMessage());
        }
        LoadClientMain fromCommandLine = new LoadClientMain();
        new picocli.CommandLine(fromCommandLine).parseArgs("--host", "example.com", "--port", "80");
        assertThrows(IllegalArgumentException.class, fromCommandLine::options);
        LoadClient.Options.defaults("localhost", 8080);
        LoadClient.Options.defaults("127.0.0.1", 8080);
    }

    @Test
    void loadClientRunsABoundedMixWithoutErrors() throws Exception {
        try (ExampleService service = ExampleService.start(0, 2)) {
            LoadClient.Result result = LoadClient.run(new LoadClient.Options("localhost", service.port(), 2,
                    Duration.ofMillis(200), Duration.ofMillis(800), 600));
            assertEquals(0, result.errors(), result.toString());
            assertTrue(result.requests() > 0 && result.requests() <= 600, result.toString());
            // How long the window really took is the machine's business, not this test's: time is
            // measured in benchmarks. Here only that the window was measured at all.
            assertTrue(result.seconds() > 0, result.toString());
            assertTrue(result.requestsPerSecond() > 0, result.toString());
            assertTrue(service.completedRequests() >= result.requests(), "the service counts what it answered: "
                    + service.completedRequests() + " of " + result);
            // The line main prints is what ThroughputComparison reads back from the client's JVM.
            LoadClient.Result parsed = LoadClient.Result.parse(result + " (2 workers)").orElseThrow();
            assertEquals(result.requests(), parsed.requests());
            assertEquals(result.errors(), parsed.errors());
            assertEquals(result.seconds(), parsed.seconds(), 0.001);
        }
    }

    @Test
    void loadClientCountsEveryAnswerButA200AsAnError() throws Exception {
        // A server with no handlers answers every request with its own 404, on a kept-alive connection.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        try {
            LoadClient.Result result = LoadClient.run(new LoadClient.Options("127.0.0.1",
                    server.getAddress().getPort(), 1, Duration.ZERO, Duration.ofMillis(500), 50));
            assertTrue(result.requests() > 0, result.toString());
            assertEquals(result.requests(), result.errors(), result.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void alternationPrintsOffAndOnWindowsWithWhatTheyServed() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ExampleService service = ExampleService.start(0, 2);
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            // 1.5 s windows: on a machine loaded with other builds a 0.7 s window once served no request.
            Alternation alternation = Alternation.ofRecording(Path.of("..", "profiles", "production.jfc"),
                    Duration.ofMillis(1500), Duration.ofMillis(100), service::completedRequests, out);
            Thread thread = alternation.startThread();
            // Load until an off- and an on-window are printed: JFR's first start in this JVM can
            // take seconds on a busy machine, so a fixed duration is not enough.
            byte[] request = KeepAliveConnection.request("/orders", service.port());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try (KeepAliveConnection connection = KeepAliveConnection.open(service.port())) {
                while (printed.toString(StandardCharsets.UTF_8).lines().count() < 2 && System.nanoTime() < deadline) {
                    assertEquals(200, connection.exchange(request));
                }
            }
            thread.interrupt();
            thread.join(10_000);
            assertTrue(!thread.isAlive(), "the alternation ends when interrupted");
        }
        List<Window> windows = printed.toString(StandardCharsets.UTF_8).lines().map(Window::parse)
                .map(window -> window.orElseThrow(() -> new AssertionError("unexpected line in " + printed)))
                .toList();
        assertTrue(windows.size() >= 2, printed.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            assertEquals(i % 2 == 1, window.recording(), "off first, then on, in turns: " + windows);
            assertTrue(window.requests() > 0 && window.cpuNanos() > 0, window.toString());
            assertTrue(window.durationNanos() >= 1_500_000_000L, window.toString());
        }
        assertEquals(0, FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(recording -> recording.getState() == RecordingState.RUNNING).count(),
                "the alternation leaves no recording running");
    }

    private static long allocatedOnAServiceThread(RecordedEvent event) {
        assertTrue(event.getThread().getJavaName().startsWith("example-service-"), event.getThread().getJavaName());
        return event.getLong("allocatedBytes");
    }

    private HttpResponse<String> get(ExampleService service, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a request written by hand on a socket, for input no well-behaved client sends. */
    private static int rawStatus(ExampleService service, String target) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static URI uri(ExampleService service, String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}

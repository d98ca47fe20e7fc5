package io.allocrec.example;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service JVM that {@link ThroughputComparison} starts. Prints {@code listening on PORT}
 * once it accepts requests, then runs until killed (SIGTERM lets JFR write its recording on
 * exit) or for {@code --seconds}. With {@code --alternate-jfr} it turns a recording with those
 * settings on and off in turns and prints what each window served ({@link Alternation}).
 *
 * <pre>
 * java -XX:StartFlightRecording:settings=profiles/production.jfc,filename=service.jfr \
 *      -cp "cli/target/allocrec.jar" io.allocrec.example.ServiceMain --port 8080 [--metrics]
 * </pre>
 *
 * <p>With {@code --metrics} it also serves {@code GET /metrics} (see {@link ExampleService#start(int, int, boolean)}).
 */
@Command(name = "example-service-jvm", mixinStandardHelpOptions = true,
        description = "The example HTTP service on 127.0.0.1, with a scope per endpoint.")
public final class ServiceMain implements Callable<Integer> {

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads = ExampleService.DEFAULT_THREADS;

    @Option(names = "--seconds", description = "Stop after this long; 0 runs until killed (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--exit-with-parent", description = "Exit when the JVM that started this one ends.")
    boolean exitWithParent;

    @Option(names = "--alternate-jfr", paramLabel = "FILE.jfc",
            description = "Turn a recording with these settings on and off in alternating windows.")
    Path alternateJfr;

    @Option(names = "--alternate-scopes", description = "Open each request's scope in the endpoint's code and by the "
            + "allocrec agent (loaded with scopes=" + ScopeSource.AGENT_FILTERS + ") in alternating windows.")
    boolean alternateScopes;

    @Option(names = "--metrics", description = "Serve GET /metrics: each endpoint's bytes per request in Prometheus' "
            + "text format (allocrec-micrometer). It keeps allocrec.Scenario recording; not with --alternate-*.")
    boolean metrics;

    @Option(names = "--window-seconds", description = "Length of each window (default: ${DEFAULT-VALUE}).")
    int windowSeconds = 2;

    public static void main(String[] args) {
        int exit = new CommandLine(new ServiceMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
        // Otherwise the server's threads keep the JVM alive until it is killed or --seconds ends.
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535 || threads < 1 || threads > 256 || seconds < 0 || windowSeconds < 1) {
            System.err.println("example-service: --port 0..65535, --threads 1..256, --seconds >= 0, --window-seconds >= 1");
            return 2;
        }
        if (metrics && (alternateJfr != null || alternateScopes)) {
            // Its stream keeps the scopes recording in every window, so the windows would no longer differ.
            System.err.println("example-service: --metrics cannot be combined with --alternate-jfr or --alternate-scopes");
            return 2;
        }
        if (exitWithParent) {
            // Started by ThroughputComparison: if that JVM dies, even by SIGKILL, do not linger.
            // System.exit runs the shutdown hooks, so JFR still writes its recording.
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        ExampleService service = ExampleService.start(port, threads, metrics);
        Alternation alternation = null;
        if (alternateScopes) {
            alternation = Alternation.ofScopeSource(Duration.ofSeconds(windowSeconds), ExampleService.SETTLE,
                    service::completedRequests, System.out);
        } else if (alternateJfr != null) {
            try {
                alternation = Alternation.ofRecording(alternateJfr, Duration.ofSeconds(windowSeconds),
                        ExampleService.SETTLE, service::completedRequests, System.out);
            } catch (IOException e) {
                System.err.println("example-service: " + e.getMessage());
                service.close();
                return 2;
            }
        }
        System.out.println("listening on " + service.port());
        System.out.flush();
        if (alternation != null) {
            alternation.startThread();
        }
        if (seconds > 0) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            service.close();
        }
        return 0;
    }
}

package io.allocrec.example;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load client's JVM, which {@link ThroughputComparison} starts for each round. Prints one
 * line: the requests answered in the measured window, requests per second, errors.
 */
@Command(name = "load-client", mixinStandardHelpOptions = true,
        description = "Closed-loop load on the example service, on loopback only.")
public final class LoadClientMain implements Callable<Integer> {

    @Option(names = "--host", description = "127.0.0.1 or localhost (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", required = true, description = "The service's port.")
    int port;

    @Option(names = "--workers", description = "Connections (default: ${DEFAULT-VALUE}).")
    int workers = 4;

    @Option(names = "--warmup", description = "Seconds not counted (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--seconds", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--max-requests", description = "Requests at most, in all (default: ${DEFAULT-VALUE}).")
    long maxRequests = 5_000_000;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadClientMain()).execute(args));
    }

    /** The checked options; anything but loopback or a bounded run is an IllegalArgumentException. */
    LoadClient.Options options() {
        return new LoadClient.Options(host, port, workers, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds),
                maxRequests);
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadClient.Options options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            System.err.println("load-client: " + e.getMessage());
            return 2;
        }
        System.out.println(LoadClient.run(options) + " (" + options.workers() + " workers, "
                + options.warmup().toSeconds() + " s warm-up not counted)");
        return 0;
    }
}

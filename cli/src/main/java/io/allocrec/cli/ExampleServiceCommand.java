package io.allocrec.cli;

import io.allocrec.attach.AgentJar;
import io.allocrec.example.ComparisonOptions;
import io.allocrec.example.ThroughputComparison;
import io.allocrec.exit.ExitCodes;
import io.allocrec.harness.JfrSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code allocrec example-service}: what a JFR recording costs the example service (see
 * {@link ThroughputComparison}), then {@code report} on one recording of it.
 */
@Command(name = "example-service", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the example HTTP service (a scope per endpoint) under a closed-loop load client on "
                    + "127.0.0.1 and measures what a recording with production.jfc costs it: in one warm JVM, "
                    + "the recording is turned on and off in alternating windows, and the median change in "
                    + "throughput and CPU per request is printed with a 95%% interval. Then one more run is "
                    + "recorded to DIR/service.jfr and reported into DIR/report.",
            "With --agent-scopes it compares instead the allocrec agent's scopes with the endpoints' own scopes in "
                    + "code, in alternating windows of one JVM recording with production.jfc throughout.",
            "Takes --seconds plus about 40 s per round (start-up, warm-up, the recording)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:a round failed (the service did not start or stop, answered with errors, or wrote no recording)",
            "2:bad command line",
            "5:the output folder cannot be created or written",
            "other:as report (see its help)"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec example-service --seconds 60 --rounds 2 --out /tmp/service",
            "  ./allocrec example-service --settings mine.jfc --settings other.jfc"})
final class ExampleServiceCommand implements Callable<Integer> {


    @Mixin
    ComparisonOptions options;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Subcommands subcommands;

    ExampleServiceCommand(PrintStream stdout, PrintStream stderr, Subcommands subcommands) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.subcommands = subcommands;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path defaultProfile = options.hasSettings() ? null : JfrSettings.bundledCopy("production.jfc");
        ThroughputComparison.Settings settings = options.settings(defaultProfile, options.comparesAgentScopes() ? AgentJar.locate() : null);
        Path out = options.out();
        if (!OutputFolders.create(out, "example-service", stderr)) {
            return ExitCodes.NOT_WRITABLE;
        }
        try {
            ThroughputComparison.run(settings);
        } catch (IOException e) {
            stderr.println("allocrec example-service: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        Path recording = out.resolve(settings.windowSeconds() == 0 && settings.jfcs().size() > 1
                ? "service-1.jfr" : "service.jfr");
        Path report = out.resolve("report");
        // Not hidden if it fails: a short run may leave too few events for the report.
        int exit = subcommands.run("report", recording.toString(), "--out", report.toString());
        if (exit == 0) {
            stdout.println("Recording: " + recording + ", report: " + report
                    + " (open the recording in JDK Mission Control)");
        }
        return exit;
    }
}

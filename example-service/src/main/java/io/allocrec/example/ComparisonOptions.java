package io.allocrec.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of {@code allocrec example-service}: a picocli mixin, so the command that also
 * runs the report (in the tool's module) and this module share one definition.
 */
public final class ComparisonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the recording, the windows and the report "
            + "(default: ${DEFAULT-VALUE}).")
    Path out = Path.of("allocrec-service-out");

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds measured per JVM (default: ${DEFAULT-VALUE}).")
    int seconds = 120;

    @Option(names = "--rounds", paramLabel = "R", description = "Fresh service JVMs, whose comparisons are pooled "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds = 1;

    @Option(names = "--settings", paramLabel = "FILE.jfc", description = "JFR settings to measure; repeat to compare "
            + "several in one run (default: the bundled profiles/production.jfc).")
    List<Path> settings = new ArrayList<>();

    @Option(names = "--fresh-jvms", description = "Compare fresh JVMs with JFR off and on instead of windows of one warm "
            + "JVM (resolves about 10%% here, against about 1%% in one JVM).")
    boolean freshJvms;

    @Option(names = "--agent-scopes", description = "Compare the allocrec agent's scopes with the endpoints' own, in "
            + "alternating windows of one JVM that records with the first --settings throughout.")
    boolean agentScopes;

    @Option(names = "--window-seconds", paramLabel = "N", description = "Length of each on or off window in one JVM "
            + "(default: ${DEFAULT-VALUE}).")
    int windowSeconds = 2;

    @Option(names = "--warmup", paramLabel = "N", description = "Seconds of load before measuring; the JIT is still "
            + "compiling the service after 3 s (default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Option(names = "--workers", paramLabel = "N", description = "Load client connections (default: ${DEFAULT-VALUE}).")
    int workers = 4;

    @Option(names = "--threads", paramLabel = "N", description = "Service worker threads (default: ${DEFAULT-VALUE}).")
    int threads = ExampleService.DEFAULT_THREADS;

    /** The output folder. */
    public Path out() {
        return out;
    }

    /** Whether {@code --agent-scopes} was given: the caller then supplies the agent jar. */
    public boolean comparesAgentScopes() {
        return agentScopes;
    }

    /** Whether the user named settings files; if not, the caller supplies the bundled profile. */
    public boolean hasSettings() {
        return !settings.isEmpty();
    }

    /**
     * The checked settings of the comparison.
     *
     * @param defaultJfc the profile to measure when no {@code --settings} was given
     * @param agentJar   the allocrec agent, for {@code --agent-scopes}
     * @throws ParameterException for a value out of range or a settings file that is not there
     */
    public ThroughputComparison.Settings settings(Path defaultJfc, Path agentJar) {
        inRange("--seconds", seconds, 1, 3_600);
        inRange("--rounds", rounds, 1, 100);
        inRange("--window-seconds", windowSeconds, 1, 600);
        inRange("--warmup", warmup, 0, 600);
        inRange("--workers", workers, 1, 256);
        inRange("--threads", threads, 1, 256);
        if (!freshJvms && warmup < 1) {
            // The service's first windows would then fall before the client's JVM sends anything.
            throw new ParameterException(spec.commandLine(), "comparing in one JVM needs --warmup of at least 1 s");
        }
        List<Path> jfcs = settings.isEmpty() ? List.of(defaultJfc) : List.copyOf(settings);
        for (Path jfc : jfcs) {
            if (!Files.isRegularFile(jfc)) {
                throw new ParameterException(spec.commandLine(), "--settings: no such file " + jfc);
            }
        }
        if (agentScopes && freshJvms) {
            throw new ParameterException(spec.commandLine(), "--agent-scopes compares in one JVM: not with --fresh-jvms");
        }
        return new ThroughputComparison.Settings(jfcs, out, rounds, seconds, warmup, workers, threads,
                freshJvms ? 0 : windowSeconds, agentScopes ? agentJar : null);
    }

    private void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}

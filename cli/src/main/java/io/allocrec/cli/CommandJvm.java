package io.allocrec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command that runs in a JVM started with options of its own: {@code record} (the collector
 * and TLAB sizes its figures depend on) and {@code report} (a bounded heap; on small recordings,
 * C1 alone). The options are defined once, in the parent pom, and reach this class through
 * {@link BuildInfo}; the user's {@code ALLOCREC_JAVA_OPTS} come after them and win.
 *
 * @param smallInputOptions added when the files named add up to fewer than {@code smallInputBytes}
 */
record CommandJvm(String command, List<String> options, List<String> smallInputOptions, long smallInputBytes) {

    /** The system property that marks a JVM started for a command, so it does not start another. */
    static final String MARKER = "allocrec.jvm";

    static Optional<CommandJvm> of(String command) {
        List<String> options = BuildInfo.jvmOptions(command);
        return options.isEmpty() ? Optional.empty() : Optional.of(new CommandJvm(command, options,
                BuildInfo.jvmOptions(command + ".small-input"), BuildInfo.smallInputBytes()));
    }

    /**
     * Options that only newer JDKs have (and JDK 17 would refuse): {@code record}'s breakdown by
     * class loads JOL's agent into the running JVM and JOL reads object sizes with
     * {@code sun.misc.Unsafe}, which JDK 21 and JDK 24 on allow only with a warning unless told.
     */
    static List<String> forJdk(String command, int feature) {
        if (!command.equals("record")) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        if (feature >= 21) {
            options.add("-XX:+EnableDynamicAgentLoading");
        }
        if (feature >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    /**
     * What runs the JVM: {@code top} under {@code nice -n 10}, so that where the watched JVM keeps
     * the cores busy, a monitor yields to it. Elsewhere nothing. (On two busy cores the measured
     * cost to the example service was within the noise either way: docs/live.md.)
     */
    List<String> launcher() {
        Path nice = Path.of("/usr/bin/nice");
        return command.equals("top") && Files.isExecutable(nice) ? List.of(nice.toString(), "-n", "10") : List.of();
    }

    /** Whether this JVM is the one started for the command. */
    boolean isCurrent() {
        return command.equals(System.getProperty(MARKER));
    }

    /**
     * The JVM options to start with for {@code args}: the command's (with those for small input
     * when the files named are), then this JDK's, then the user's, then the marker.
     */
    List<String> startOptions(String userOptions, List<String> args) {
        List<String> all = new ArrayList<>(options);
        if (!smallInputOptions.isEmpty() && InputBytes.of(args) < smallInputBytes) {
            all.addAll(smallInputOptions);
        }
        all.addAll(forJdk(command, Runtime.version().feature()));
        String trimmed = userOptions == null ? "" : userOptions.trim();
        if (!trimmed.isEmpty()) {
            all.addAll(List.of(trimmed.split("\\s+")));
        }
        all.add("-D" + MARKER + "=" + command);
        return all;
    }
}

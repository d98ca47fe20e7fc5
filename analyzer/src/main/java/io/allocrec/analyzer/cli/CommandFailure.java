package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.exit.ExitCodes;
import java.io.PrintStream;

/**
 * How {@code report}, {@code diff} and {@code check} end when the input or the machine stops them:
 * one line on stderr, and the exit code the README lists for it.
 */
final class CommandFailure {

    private CommandFailure() {
    }

    /** A recording that cannot be read or lacks events: exit 3 or 4, as the problem says. */
    static int of(String command, RecordingProblem problem, PrintStream stderr) {
        stderr.println("allocrec " + command + ": " + PrintableText.of(problem.getMessage()));
        return problem.exitCode();
    }

    /** An output folder that cannot be written: exit 5. */
    static int of(String command, OutputProblem problem, PrintStream stderr) {
        stderr.println("allocrec " + command + ": " + PrintableText.of(problem.getMessage()));
        return ExitCodes.NOT_WRITABLE;
    }

    /** Out of heap: exit 6, saying how to give it more. */
    static int outOfMemory(String command, PrintStream stderr) {
        stderr.println("allocrec " + command + ": the recordings do not fit in " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB of heap; give it more, for example ALLOCREC_JAVA_OPTS=-Xmx4g ./allocrec " + command + " ...");
        return ExitCodes.OUT_OF_MEMORY;
    }
}

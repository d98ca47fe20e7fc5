package io.allocrec.analyzer.load;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A recording that cannot be analysed, with a one-line message for the user and its exit code
 * ({@code ExitCodes.UNREADABLE} or {@code MISSING_EVENTS}).
 */
public final class RecordingProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    /** The one file at fault, when there is one (a file to skip with --skip-bad). */
    private final transient Path file;

    public RecordingProblem(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public RecordingProblem(int exitCode, String message, Path file) {
        super(message);
        this.exitCode = exitCode;
        this.file = file;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public int exitCode() {
        return exitCode;
    }
}

package io.allocrec.attach;

import io.allocrec.exit.ExitCodes;

/**
 * Why a running JVM could not be recorded: a one-line message for the user, and the exit code the
 * help of {@code record} lists for it (one of {@link ExitCodes}).
 */
public final class AttachProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public AttachProblem(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

package io.allocrec.attach;

/**
 * Why a running JVM could not be recorded: a one-line message for the user, and the exit code the
 * help of {@code record} lists for it.
 */
public final class AttachProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** No process with that id, or one that is not a Java virtual machine. */
    public static final int NO_SUCH_JVM = 8;
    /** The JVM refused: attach disabled, another user's, a JDK too old, the agent or JFR refused. */
    public static final int REFUSED = 9;
    /** The JVM exited during the recording and left no recording behind. */
    public static final int JVM_EXITED = 10;
    /** The recording or its settings could not be written or read. */
    public static final int NOT_WRITABLE = 5;

    private final int exitCode;

    public AttachProblem(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

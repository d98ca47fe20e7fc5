package io.allocrec.analyzer.load;

/** A recording that cannot be analysed, with a one-line message for the user and an exit code. */
public final class RecordingProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** The file is missing, unreadable, not a recording, or damaged. */
    public static final int UNREADABLE = 3;

    /** The recording is fine but lacks the events the analysis needs. */
    public static final int MISSING_EVENTS = 4;

    private final int exitCode;

    public RecordingProblem(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

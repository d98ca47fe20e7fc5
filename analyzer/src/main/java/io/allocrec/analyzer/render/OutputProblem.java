package io.allocrec.analyzer.render;

/** The output folder cannot be created or written; a one-line message for the user. */
public final class OutputProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** Exit code for a folder that cannot be written. */
    public static final int EXIT_CODE = 5;

    public OutputProblem(String message) {
        super(message);
    }
}

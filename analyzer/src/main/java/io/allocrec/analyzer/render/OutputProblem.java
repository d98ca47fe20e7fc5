package io.allocrec.analyzer.render;

/** The output folder cannot be created or written; a one-line message for the user. */
public final class OutputProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public OutputProblem(String message) {
        super(message);
    }
}

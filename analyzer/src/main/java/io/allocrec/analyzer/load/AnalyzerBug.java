package io.allocrec.analyzer.load;

/**
 * A failure of allocrec's own code while the JMC parser was calling it: a bug to report with its
 * stack trace (exit 1), never to be mistaken for a damaged recording (exit 3).
 */
public final class AnalyzerBug extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AnalyzerBug(Throwable cause) {
        super("allocrec failed while reading a chunk: " + cause, cause);
    }
}

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

    /**
     * A failure in our callback, unless it was thrown inside JMC's own code: JMC resolves some
     * values lazily (a class name, say), so a damaged constant pool can fail in JMC's code while
     * ours asks for the value. That is the parser's complaint about the file, and stays one.
     */
    static RuntimeException unlessFromParser(RuntimeException e) {
        if (e.getStackTrace().length == 0) {
            // The JIT's preallocated exceptions (thrown often, in compiled code) carry no trace, so
            // where it came from is unknown; damaged data repeated over many events is the usual
            // cause. report runs with -XX:-OmitStackTraceInFastThrow, so a bug of ours keeps its trace.
            return e;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue; // the JDK's own code, called by whoever failed: look further
            }
            return type.startsWith("org.openjdk.jmc.") ? e : new AnalyzerBug(e);
        }
        return new AnalyzerBug(e);
    }
}

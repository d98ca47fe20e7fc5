package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.render.OutputProblem;

/** The exit codes of {@code allocrec}; the help of each command and the README list them. */
final class ExitCodes {

    static final int OK = 0;
    static final int BAD_COMMAND_LINE = 2;
    // 2 is also what picocli returns for a bad option; 3 and 4 come with each RecordingProblem.
    static final int OUTPUT_NOT_WRITABLE = OutputProblem.EXIT_CODE;
    static final int OUT_OF_MEMORY = 6;
    /** diff: a scope name regressed; check: a budget is exceeded. */
    static final int WORSE = 7;

    private ExitCodes() {
    }
}

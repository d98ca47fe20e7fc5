package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.render.OutputProblem;

/** The exit codes of {@code allocrec}; the help of each command and the README list them. */
final class ExitCodes {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    static final int UNREADABLE_RECORDING = RecordingProblem.UNREADABLE;
    static final int MISSING_EVENTS = RecordingProblem.MISSING_EVENTS;
    static final int OUTPUT_NOT_WRITABLE = OutputProblem.EXIT_CODE;
    static final int OUT_OF_MEMORY = 6;


    private ExitCodes() {
    }
}

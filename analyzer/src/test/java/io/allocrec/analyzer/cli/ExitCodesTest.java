package io.allocrec.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.exit.ExitCodes;
import org.junit.jupiter.api.Test;

/** The reader's problems carry their own codes (load/ keeps them); they must be the documented ones. */
class ExitCodesTest {

    @Test
    void recordingProblemsExitWithTheDocumentedCodes() {
        assertEquals(ExitCodes.UNREADABLE, RecordingProblem.UNREADABLE);
        assertEquals(ExitCodes.MISSING_EVENTS, RecordingProblem.MISSING_EVENTS);
    }
}

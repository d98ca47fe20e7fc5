package io.allocrec.harness;

/**
 * A scenario broke its contract ({@link KeyValueScenario}): its code threw, or it built the
 * wrong number of elements, or looked up wrong values. {@code record} reports the message as its
 * one line of error (exit 3) and writes no recording.
 */
final class ScenarioFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ScenarioFailure(String message) {
        super(message, null, false, false);
    }
}

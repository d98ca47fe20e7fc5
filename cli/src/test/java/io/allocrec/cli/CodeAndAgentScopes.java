package io.allocrec.cli;

import io.allocrec.recorder.AllocationScope;

/**
 * An application that embeds the recorder (a scope in its code) and runs with the agent from start-up,
 * which scopes both overloads of {@code handle}: the agent's relocated recorder and the application's
 * own must not meet.
 */
public final class CodeAndAgentScopes {

    static final int CALLS = 2_000;
    static final int CODE_BYTES = 1000;
    static final int INT_BYTES = 500;
    static final int STRING_BYTES = 300;
    static volatile Object sink;

    private CodeAndAgentScopes() {
    }

    static void handle(int length) {
        sink = new byte[length];
    }

    static void handle(String text) {
        sink = new byte[text.length()];
    }

    public static void main(String[] args) {
        String text = "x".repeat(STRING_BYTES);
        for (int i = 0; i < CALLS; i++) {
            try (AllocationScope scope = AllocationScope.open("in code")) {
                sink = new byte[CODE_BYTES];
            }
            handle(INT_BYTES);
            handle(text);
        }
    }
}

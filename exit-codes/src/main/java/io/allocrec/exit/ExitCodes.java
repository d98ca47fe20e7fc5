package io.allocrec.exit;

/**
 * The exit codes of every allocrec command. Scripts and CI jobs act on them, and each command's
 * help and the README list them, so a number keeps its meaning.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** A bug: the only case that prints a stack trace. */
    public static final int INTERNAL_ERROR = 1;
    /** Unknown command, option or scenario, or a value that cannot be used; picocli returns it too. */
    public static final int BAD_COMMAND_LINE = 2;
    /** A recording is missing, empty, not a JFR file, truncated or otherwise unreadable. */
    public static final int UNREADABLE = 3;
    /** {@code record}: a scenario broke its contract (threw, held the wrong elements, held its inputs). */
    public static final int SCENARIO_BROKEN = 3;
    /** A recording lacks the events the command needs; {@code top}: the JVM has none of the scope type. */
    public static final int MISSING_EVENTS = 4;
    /** The output folder, or the recording being written, cannot be created or written. */
    public static final int NOT_WRITABLE = 5;
    public static final int OUT_OF_MEMORY = 6;
    /** {@code diff}: a scope name regressed; {@code check}: a budget is exceeded. */
    public static final int WORSE = 7;
    /** {@code record --pid}, {@code top}: no such process, or not a Java virtual machine. */
    public static final int NO_SUCH_JVM = 8;
    /** {@code record --pid}, {@code top}: the JVM refused (attach disabled, another user's, too old, agent or JFR refused). */
    public static final int REFUSED = 9;
    /** {@code record --pid}: the JVM exited during the recording and left no recording behind. */
    public static final int JVM_EXITED = 10;

    private ExitCodes() {
    }
}

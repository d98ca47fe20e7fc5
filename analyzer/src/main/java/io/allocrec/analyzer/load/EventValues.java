package io.allocrec.analyzer.load;

/**
 * The fields of the event a reader has just read, as {@link EventTaker} takes them, whichever
 * reader read it. A field the event's type lacks gives 0, the stated default, or null.
 */
interface EventValues {

    /** {@link EventField#START_TIME} in epoch nanoseconds. */
    long startTime();

    /** {@link EventField#DURATION} in nanoseconds. */
    long duration();

    /** The event's thread; "none" when the recording does not say. */
    ThreadIdentity eventThread();

    /** The thread a field refers to; null when the recording does not hold it. */
    ThreadIdentity thread(EventField field);

    /** The report's one id for the sample's allocated class and stack trace. */
    int allocationKey();

    /** The id of the scope's name, at most {@link ScopeNameLimit#MAX_CHARS} characters. */
    int scopeName();

    long number(EventField field, long absent);

    double decimal(EventField field, double absent);

    /** Text; empty when absent. */
    String text(EventField field);

    /** {@link EventField.Kind#TIMESTAMP} in epoch nanoseconds; 0 when absent. */
    long timestamp(EventField field);
}

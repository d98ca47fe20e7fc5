package io.allocrec.analyzer.load;

/**
 * A field the report takes from an event, by the name the JDK (or allocrec's recorder) gives it,
 * and its kind, which says how each reader reads it. {@link ReportedEvent} lists which events
 * carry which; adding a field is one constant here and its use in {@link EventTaker}.
 */
enum EventField {
    START_TIME("startTime", Kind.START),
    DURATION("duration", Kind.DURATION),
    EVENT_THREAD("eventThread", Kind.THREAD),
    STACK_TRACE("stackTrace", Kind.STACK_TRACE),
    OBJECT_CLASS("objectClass", Kind.CLASS),
    /** jdk.ObjectAllocationSample's bytes allocated since the thread's previous sample. */
    WEIGHT("weight", Kind.NUMBER),
    TLAB_SIZE("tlabSize", Kind.NUMBER),
    ALLOCATION_SIZE("allocationSize", Kind.NUMBER),
    /** The thread a jdk.ThreadStart or jdk.ThreadEnd is about (its eventThread is the parent's). */
    THREAD("thread", Kind.THREAD),
    PID("pid", Kind.NUMBER),
    JVM_START_TIME("jvmStartTime", Kind.TIMESTAMP),
    /** The field that names a scope: the one the user chose, so it has no fixed name. */
    SCOPE_LABEL(null, Kind.LABEL),
    SIZE("size", Kind.NUMBER),
    PAYLOAD_BYTES("payloadBytes", Kind.NUMBER),
    ALLOCATED_BYTES("allocatedBytes", Kind.NUMBER),
    RETAINED_BYTES("retainedBytes", Kind.NUMBER),
    SCENARIO("scenario", Kind.TEXT),
    OPERATION("operation", Kind.TEXT),
    NANOS_PER_ELEMENT("nanosPerElement", Kind.DECIMAL),
    NANOS_PER_ELEMENT_ERROR("nanosPerElementError", Kind.DECIMAL),
    ITERATIONS("iterations", Kind.NUMBER),
    FORKS("forks", Kind.NUMBER),
    CLASS_NAME("className", Kind.TEXT),
    INSTANCES("instances", Kind.NUMBER),
    BYTES("bytes", Kind.NUMBER),
    /** jdk.DataLoss's bytes of event data JFR dropped at that moment. */
    AMOUNT("amount", Kind.NUMBER);

    /** How a field is read, and what it becomes. */
    enum Kind {
        /** An event's start, in ticks: epoch nanoseconds. */
        START,
        /** An event's duration, in ticks: nanoseconds. */
        DURATION,
        /** A pooled thread. */
        THREAD,
        /** A pooled stack trace: with the class, one allocation key. */
        STACK_TRACE,
        /** A pooled class. */
        CLASS,
        /** An integer (bytes for a data amount). */
        NUMBER,
        /** A floating-point number. */
        DECIMAL,
        /** Text, inline or pooled. */
        TEXT,
        /** A point in time, in ticks or milliseconds since the epoch: epoch nanoseconds. */
        TIMESTAMP,
        /** A scope's name: text, or a method, class or thread as a label. */
        LABEL
    }

    /** The field's name in the event; null for {@link #SCOPE_LABEL}. */
    final String fieldName;
    final Kind kind;

    EventField(String fieldName, Kind kind) {
        this.fieldName = fieldName;
        this.kind = kind;
    }
}

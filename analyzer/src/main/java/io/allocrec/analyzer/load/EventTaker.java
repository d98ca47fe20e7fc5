package io.allocrec.analyzer.load;

/**
 * Turns each event a reader reads into rows of its chunk's {@link ChunkEvents}: written once for
 * both readers, so both make the same rows of the same fields.
 */
final class EventTaker {

    private final ChunkEvents events;
    /** Events of the scope type with a duration above zero: an instant type has none. */
    private long scopesWithDuration;

    EventTaker(ChunkEvents events) {
        this.events = events;
    }

    void take(ReportedEvent event, EventValues values) {
        switch (event) {
            case ALLOCATION_SAMPLE -> sample(values, values.number(EventField.WEIGHT, 0), false);
            case IN_NEW_TLAB -> {
                long tlabSize = values.number(EventField.TLAB_SIZE, 0);
                sample(values, tlabSize > 0 ? tlabSize : values.number(EventField.ALLOCATION_SIZE, 0), true);
            }
            case OUTSIDE_TLAB -> sample(values, values.number(EventField.ALLOCATION_SIZE, 0), true);
            case SCOPE -> scope(values);
            case GC_PAUSE -> {
                long start = values.startTime();
                events.pause(start, start + values.duration());
            }
            case THREAD_START -> {
                ThreadIdentity thread = values.thread(EventField.THREAD);
                if (thread != null) {
                    events.threadStart(thread.key, values.startTime());
                }
            }
            case THREAD_END -> {
                ThreadIdentity thread = values.thread(EventField.THREAD);
                if (thread != null) {
                    events.threadEnd(thread.key);
                }
            }
            case JVM_INFORMATION -> {
                long pid = values.number(EventField.PID, -1);
                long started = values.timestamp(EventField.JVM_START_TIME);
                if (pid >= 0 || started != 0) {
                    events.jvm("pid " + pid + " started at " + started);
                }
            }
            case TIMING -> events.timing(new SweepTiming(ScopeNameLimit.bounded(values.text(EventField.SCENARIO)),
                    values.number(EventField.SIZE, 0), values.text(EventField.OPERATION),
                    values.decimal(EventField.NANOS_PER_ELEMENT, Double.NaN),
                    values.decimal(EventField.NANOS_PER_ELEMENT_ERROR, Double.NaN),
                    (int) values.number(EventField.ITERATIONS, 0), (int) values.number(EventField.FORKS, 0)));
            case BREAKDOWN -> events.classShare(new ClassShare(ScopeNameLimit.bounded(values.text(EventField.SCENARIO)),
                    values.number(EventField.SIZE, 0), values.text(EventField.CLASS_NAME),
                    values.number(EventField.INSTANCES, 0), values.number(EventField.BYTES, 0)));
            case DATA_LOSS -> events.dataLoss(values.number(EventField.AMOUNT, 0));
            default -> throw new IllegalStateException("no rows for " + event); // a new ReportedEvent needs its case
        }
    }

    /** Called once the reader is done with the chunk. */
    void finish() {
        events.finish();
        events.scopesWithDuration(scopesWithDuration);
    }

    /** A jdk.ObjectAllocationSample read without {@link EventValues}: as {@link #take} would take it. */
    void allocationSample(ThreadIdentity thread, long time, long weight, int key) {
        if (thread.batch == null) {
            thread.batch = events.thread(thread.key, thread.name);
        }
        events.countAllocationSample();
        thread.batch.addSample(time, weight, key);
        events.eventTime(time);
    }

    /**
     * An allocation sample. A jdk.ObjectAllocationSample's weight is the bytes the thread
     * allocated since its previous sample; a TLAB event's is the bytes it stands for (the new
     * TLAB's size; the object's size outside a TLAB), as async-profiler's converter counts them,
     * and it is kept apart: a recording with both would count the same bytes twice.
     */
    private void sample(EventValues values, long bytes, boolean tlab) {
        ThreadIdentity thread = values.eventThread();
        long time = values.startTime();
        if (!tlab) {
            allocationSample(thread, time, bytes, values.allocationKey());
            return;
        }
        if (thread.tlabBatch == null) {
            thread.tlabBatch = events.tlabThread(thread.key, thread.name);
        }
        events.countTlabEvent();
        thread.tlabBatch.addSample(time, bytes, values.allocationKey());
        events.eventTime(time);
    }

    private void scope(EventValues values) {
        long start = values.startTime();
        long length = Math.max(0, values.duration());
        if (length > 0) {
            scopesWithDuration++;
        }
        long end = start + length;
        if (end < start) {
            end = Long.MAX_VALUE; // a damaged duration; the sweep relies on a scope not ending before it starts
        }
        ThreadIdentity thread = values.eventThread();
        if (thread.batch == null) {
            thread.batch = events.thread(thread.key, thread.name);
        }
        thread.batch.addScope(values.scopeName(), start, end,
                values.number(EventField.SIZE, 0), values.number(EventField.PAYLOAD_BYTES, 0),
                values.number(EventField.ALLOCATED_BYTES, ThreadBatch.UNKNOWN),
                values.number(EventField.RETAINED_BYTES, ThreadBatch.UNKNOWN));
        events.eventTime(end);
    }
}

package io.allocrec.analyzer.load;

import static io.allocrec.analyzer.load.EventField.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The events the report reads and the fields it takes from each: the one description that both
 * {@link DirectChunkReader} and {@link ChunkCapture} (JMC's parser) follow, and that
 * {@link EventTaker} turns into rows.
 */
enum ReportedEvent {
    ALLOCATION_SAMPLE("jdk.ObjectAllocationSample",
            List.of(START_TIME, EVENT_THREAD, WEIGHT, OBJECT_CLASS, STACK_TRACE)),
    IN_NEW_TLAB("jdk.ObjectAllocationInNewTLAB",
            List.of(START_TIME, EVENT_THREAD, TLAB_SIZE, ALLOCATION_SIZE, OBJECT_CLASS, STACK_TRACE)),
    OUTSIDE_TLAB("jdk.ObjectAllocationOutsideTLAB",
            List.of(START_TIME, EVENT_THREAD, ALLOCATION_SIZE, OBJECT_CLASS, STACK_TRACE)),
    GC_PAUSE("jdk.GCPhasePause", List.of(START_TIME, DURATION)),
    THREAD_START("jdk.ThreadStart", List.of(START_TIME, THREAD)),
    THREAD_END("jdk.ThreadEnd", List.of(THREAD)),
    JVM_INFORMATION("jdk.JVMInformation", List.of(PID, JVM_START_TIME)),
    TIMING("allocrec.Timing",
            List.of(SCENARIO, SIZE, OPERATION, NANOS_PER_ELEMENT, NANOS_PER_ELEMENT_ERROR, ITERATIONS, FORKS)),
    BREAKDOWN("allocrec.Breakdown", List.of(SCENARIO, SIZE, CLASS_NAME, INSTANCES, BYTES)),
    /** JFR's own word that it dropped events it could not write in time: they are in no figure. */
    DATA_LOSS("jdk.DataLoss", List.of(AMOUNT)),
    /** The user's scope event: its type and label field are the {@link ScopeSelection}'s. */
    SCOPE(null, List.of(START_TIME, DURATION, EVENT_THREAD, SCOPE_LABEL));

    /** The figures an {@code allocrec.Scenario} scope carries besides its time and thread. */
    private static final List<EventField> SCENARIO_FIGURES = List.of(SIZE, PAYLOAD_BYTES, ALLOCATED_BYTES, RETAINED_BYTES);
    /**
     * Fields without which the direct reader leaves a chunk to JMC's parser, which reads such an
     * event its own way (a sample without its thread is the thread "none", say).
     */
    private static final Set<EventField> NEEDED_BY_DIRECT_READER = Set.of(EVENT_THREAD, OBJECT_CLASS, STACK_TRACE);

    private final String typeName;
    private final List<EventField> fields;

    ReportedEvent(String typeName, List<EventField> fields) {
        this.typeName = typeName;
        this.fields = fields;
    }

    /** The event an event type's events are, or null for a type the report does not read. */
    static ReportedEvent of(String typeName, ScopeSelection selection) {
        if (typeName == null) {
            return null;
        }
        if (typeName.equals(selection.eventType())) {
            return SCOPE;
        }
        for (ReportedEvent event : values()) {
            if (typeName.equals(event.typeName)) {
                return event;
            }
        }
        return null;
    }

    /** The fields taken from this event: a scope's label only when one is chosen, its figures only from allocrec's own. */
    List<EventField> fields(ScopeSelection selection) {
        if (this != SCOPE) {
            return fields;
        }
        List<EventField> taken = new ArrayList<>(fields);
        if (selection.labelField() == null) {
            taken.remove(SCOPE_LABEL);
        }
        if (selection.isScenarioEvent()) {
            taken.addAll(SCENARIO_FIGURES);
        }
        return taken;
    }

    static boolean neededByDirectReader(EventField field) {
        return NEEDED_BY_DIRECT_READER.contains(field);
    }
}

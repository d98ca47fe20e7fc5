package io.allocrec.analyzer.load;

import java.util.List;

/**
 * An event type as a recording declares it, for messages that list what a recording has.
 *
 * @param name        the type's identifier, such as {@code jdk.ObjectAllocationSample}
 * @param fields      its field identifiers
 * @param plainFields the fields whose values are plain text or numbers, usable as a scope label
 */
public record EventTypeInfo(String name, List<String> fields, List<String> plainFields) {

    /**
     * A duration event has a duration field (JDK 7 and 8: a start and an end); an instant event (a
     * sample) does not, or its duration is always 0.
     */
    public boolean hasDuration() {
        return fields.contains("duration") || fields.contains("startTime") && fields.contains(FieldIndex.END_TIME_V0);
    }
}

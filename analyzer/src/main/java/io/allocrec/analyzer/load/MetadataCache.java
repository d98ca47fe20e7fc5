package io.allocrec.analyzer.load;

import java.util.Arrays;
import java.util.List;

/**
 * The metadata of the chunk read last, kept by its bytes. The chunks of one recording nearly
 * always repeat the same metadata (only the event's start and duration differ), so it is parsed,
 * and its event types described in JMC's terms, once rather than once a chunk. Shared by the
 * parsing threads: what it hands out is not changed after it is made.
 */
final class MetadataCache {

    /** A chunk's metadata with its event types, and those described as ChunkCapture describes them. */
    record Parsed(JfrMetadata metadata, List<JfrMetadata.Type> eventTypes, List<EventTypeInfo> infos) {
    }

    private record Entry(byte[] body, Parsed parsed) {
    }

    private volatile Entry last;

    /** The metadata event at {@code offset}; reuses the last one read when its content is the same. */
    Parsed get(byte[] chunk, int offset, int size) {
        JfrInput in = new JfrInput(chunk, size);
        in.seek(offset);
        long eventSize = in.varlong(); // the size field included
        in.varlong(); // type
        in.varlong(); // start
        in.varlong(); // duration
        int bodyStart = in.position();
        int end = eventSize > 0 && eventSize <= size - offset ? offset + (int) eventSize : -1;
        Entry entry = last;
        if (entry != null && end > bodyStart && end - bodyStart == entry.body.length
                && Arrays.equals(chunk, bodyStart, end, entry.body, 0, entry.body.length)) {
            return entry.parsed;
        }
        JfrMetadata metadata = JfrMetadata.read(in, offset);
        List<JfrMetadata.Type> eventTypes = metadata.types().stream().filter(JfrMetadata.Type::isEvent).toList();
        Parsed parsed = new Parsed(metadata, eventTypes, eventTypes.stream().map(JmcFieldNames::info).toList());
        if (end > bodyStart) {
            last = new Entry(Arrays.copyOfRange(chunk, bodyStart, end), parsed);
        }
        return parsed;
    }
}

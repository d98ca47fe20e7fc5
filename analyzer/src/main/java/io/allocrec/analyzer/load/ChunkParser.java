package io.allocrec.analyzer.load;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;
import org.openjdk.jmc.flightrecorder.internal.IChunkSupplier;
import org.openjdk.jmc.flightrecorder.internal.parser.Chunk;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ParserExtensionRegistry;

/**
 * Parses one chunk with the JDK Mission Control parser into a {@link ChunkEvents}. JFR chunks are
 * self-contained (each has its own metadata and constant pools), so chunks can be parsed on
 * several threads at once, one parser each.
 *
 * <p>The chunk is handed to JMC's chunk reader ({@code FlightRecordingLoader.readChunks}, public
 * but in an internal package) in a buffer of exactly its size, reused by the thread for its next
 * chunk: JMC's public stream loader would grow a fresh buffer by a fifth at a time, copying a
 * chunk of 10 to 100 MB dozens of times.
 */
final class ChunkParser {

    /**
     * JMC logs through java.util.logging, for example a warning per JDK 25 recording about a
     * thread field it does not know: parser chatter, not the user's business. Held here so the
     * setting is not garbage collected with the logger.
     */
    private static final Logger JMC_LOG = Logger.getLogger("org.openjdk.jmc");

    static {
        // Each call parses one chunk: JMC's own pool would only add a thread per call.
        System.setProperty("org.openjdk.jmc.flightrecorder.parser.singlethreaded", "true");
        JMC_LOG.setLevel(Level.SEVERE);
    }

    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);

    private final ScopeSelection selection;
    private final Names scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;

    ChunkParser(ScopeSelection selection, Names scopeNames, StackTable stacks, AtomicLong parsedEvents) {
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
    }

    /**
     * @param bytes the chunk's bytes, exactly
     * @throws RecordingProblem the parser could not read the chunk (the file is damaged)
     * @throws AnalyzerBug      our own code failed while the parser called it
     */
    ChunkEvents parse(InputStream bytes, RecordingFile file, ChunkSpan chunk) throws RecordingProblem {
        ChunkEvents events = new ChunkEvents(file.path() + " chunk " + (chunk.index() + 1), file.index());
        ChunkCapture capture = new ChunkCapture(selection, scopeNames, stacks, parsedEvents, events);
        try (bytes) {
            FlightRecordingLoader.readChunks(null, extensions(capture, chunk), oneChunk(bytes, file, chunk), false, false);
        } catch (AnalyzerBug bug) {
            throw bug;
        } catch (IOException | CouldNotLoadRecordingException | RuntimeException e) {
            throw ChunkHeaders.chunkProblem(file.path(), chunk.index(), chunk.offset(),
                    "cannot be parsed: " + reason(e) + ": the file is damaged");
        }
        try {
            capture.finish();
        } catch (RuntimeException e) {
            throw new AnalyzerBug(e);
        }
        events.scopesWithDuration(capture.scopesWithDuration);
        return events;
    }

    /**
     * Our capture alone for a JDK 11+ chunk (format 2); for older formats, JMC's own extensions
     * first: they rename JDK 7 to 10's event types (such as {@code vm/java/object_alloc_in_new_TLAB})
     * to today's, so the capture sees one vocabulary.
     */
    private static List<IParserExtension> extensions(ChunkCapture capture, ChunkSpan chunk) {
        if (chunk.major() >= 2) {
            return List.of(capture);
        }
        List<IParserExtension> extensions = new ArrayList<>(ParserExtensionRegistry.getParserExtensions());
        extensions.add(capture); // innermost: it sees the events as the others pass them on
        return extensions;
    }

    /**
     * The chunk as JMC's chunk reader takes it: read whole into a buffer that holds all of it, its
     * events' framing checked ({@link EventFraming}), then served to JMC from that same buffer (JMC
     * "reads" each byte onto itself: no second copy).
     */
    private static IChunkSupplier oneChunk(InputStream bytes, RecordingFile file, ChunkSpan span)
            throws IOException, RecordingProblem {
        int size = (int) span.size();
        byte[] buffer = BUFFERS.get();
        if (buffer.length < size) {
            buffer = new byte[size];
            BUFFERS.set(buffer);
        }
        new DataInputStream(bytes).readFully(buffer, 0, size);
        if (span.major() >= 1) {
            long bad = EventFraming.firstBadEvent(buffer, size);
            if (bad >= 0) {
                throw ChunkHeaders.chunkProblem(file.path(), span.index(), span.offset(), "has an event at byte "
                        + (span.offset() + bad) + " whose size does not fit the chunk: the file is damaged");
            }
        }
        DataInputStream input = new DataInputStream(new ByteArrayInputStream(buffer, MAGIC.length, size - MAGIC.length));
        byte[] chunkBuffer = buffer;
        return new IChunkSupplier() {
            private boolean supplied;

            @Override
            public Chunk getNextChunk(byte[] reusableBuffer) throws CouldNotLoadRecordingException, IOException {
                if (supplied) {
                    return null;
                }
                supplied = true;
                return new Chunk(input, MAGIC.length, chunkBuffer);
            }
        };
    }

    /** What the parser said, in words: its exception's name means nothing to a user. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        String kind = switch (e.getClass().getSimpleName()) {
            case "VersionNotSupportedException" -> "a format version the parser does not read";
            case "InvalidJfrFileException" -> "not valid JFR data";
            case "EOFException" -> "it ends before its data does";
            case "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "NegativeArraySizeException",
                    "StringIndexOutOfBoundsException" -> "an offset or length points outside the chunk";
            case "NumberFormatException" -> "a field that should hold a number holds text";
            case "ClassCastException" -> "a field holds a value of the wrong type";
            case "OutOfMemoryError" -> "a length far larger than the chunk";
            default -> "its data is inconsistent";
        };
        return message == null || message.isBlank() || message.matches("Index -?\\d+ out of bounds.*")
                ? kind : kind + " (" + message + ")";
    }
}

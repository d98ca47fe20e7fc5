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
 * Parses one chunk into a {@link ChunkEvents}. JFR chunks are self-contained (each has its own
 * metadata and constant pools), so chunks can be parsed on several threads at once, one parser
 * each. A JDK 11+ chunk is read by {@link DirectChunkReader}, which makes no object per value and
 * so about halves the parsing (docs/internals.md); the rest, and whatever that reader declines or
 * cannot read, by the JDK Mission Control parser, which also words the error when a chunk is
 * damaged.
 *
 * <p>For JMC, the chunk is handed to JMC's chunk reader ({@code FlightRecordingLoader.readChunks}, public
 * but in an internal package) in a buffer of at least its size, reused by the thread for its next
 * chunk: JMC's public stream loader would grow a fresh buffer by a fifth at a time, copying a
 * chunk of 10 to 100 MB dozens of times.
 */
final class ChunkParser {

    static {
        // Each call parses one chunk: JMC's own pool would only add a thread per call.
        System.setProperty("org.openjdk.jmc.flightrecorder.parser.singlethreaded", "true");
    }

    /**
     * JMC logs through java.util.logging, for example a warning per JDK 25 recording about a
     * thread field it does not know: parser chatter, not the user's business. Quietened when JMC
     * first parses, not before: starting java.util.logging looks for a logging backend in every
     * jar on the class path (40 ms of a report's start, on the thread that waits for it).
     */
    private static final class QuietJmc {
        /** Held here so the setting is not garbage collected with the logger. */
        private static final Logger LOG = Logger.getLogger("org.openjdk.jmc");

        static {
            LOG.setLevel(Level.SEVERE);
        }

        static void ensure() {
            // the class's initialisation does it
        }
    }

    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);

    /**
     * Which parser reads JDK 11+ chunks: {@code auto} (the default) reads them directly and leaves
     * to JMC what the direct reader does not take or cannot read; {@code jmc} and {@code direct}
     * force one, for tests and measurements (set with -Dallocrec.parser).
     */
    enum Reader { AUTO, JMC, DIRECT }

    private static final Reader DEFAULT_READER = Reader.valueOf(
            System.getProperty("allocrec.parser", "auto").toUpperCase(java.util.Locale.ROOT));

    private final ScopeSelection selection;
    private final StringIds scopeNames;
    private final StackTable stacks;
    private final AtomicLong parsedEvents;
    private final DirectChunkReader direct;
    private final Reader reader;
    private final BatchSizes batchSizes = new BatchSizes();
    private final ColumnPool columns = new ColumnPool();

    ChunkParser(ScopeSelection selection, StringIds scopeNames, StackTable stacks, AtomicLong parsedEvents) {
        this(selection, scopeNames, stacks, parsedEvents, DEFAULT_READER);
    }

    ChunkParser(ScopeSelection selection, StringIds scopeNames, StackTable stacks, AtomicLong parsedEvents, Reader reader) {
        this.reader = reader;
        this.selection = selection;
        this.scopeNames = scopeNames;
        this.stacks = stacks;
        this.parsedEvents = parsedEvents;
        this.direct = new DirectChunkReader(selection, scopeNames, stacks, parsedEvents);
    }

    /**
     * @param bytes the chunk's bytes, exactly
     * @throws RecordingProblem the parser could not read the chunk (the file is damaged)
     * @throws AnalyzerBug      our own code failed while the parser called it
     */
    ChunkEvents parse(InputStream bytes, RecordingFile file, ChunkSpan chunk) throws RecordingProblem {
        String where = file.path() + " chunk " + (chunk.index() + 1);
        int size = (int) chunk.size();
        byte[] buffer;
        try (bytes) {
            buffer = readWhole(bytes, chunk);
        } catch (IOException e) {
            throw ChunkHeaders.chunkProblem(file.path(), chunk.index(), chunk.offset(),
                    "cannot be parsed: " + reason(e) + ": the file is damaged");
        }
        String leftToJmc = null; // why the direct reader gave a chunk of its format to JMC
        if (reader != Reader.JMC && DirectChunkReader.readsFormatOf(buffer)) {
            ChunkEvents events = new ChunkEvents(where, file.index(), batchSizes, columns);
            try {
                leftToJmc = direct.read(buffer, size, events);
                if (leftToJmc == null) {
                    return events;
                }
            } catch (DamagedChunk e) {
                throw ChunkHeaders.chunkProblem(file.path(), chunk.index(), chunk.offset(), e.describe(chunk.offset()));
            } catch (RuntimeException e) {
                if (reader == Reader.DIRECT) {
                    throw new AnalyzerBug(e);
                }
                // JMC's parser then decides: it reads the chunk, or says what is wrong with it. A
                // chunk JMC reads is named: a slow path must not hide a bug of the direct reader.
                leftToJmc = "the direct reader failed on it (" + e + ")";
            }
        }
        ChunkEvents events = parseWithJmc(buffer, file, chunk, new ChunkEvents(where, file.index(), batchSizes, columns));
        if (leftToJmc != null) {
            events.leftToJmc("chunk " + (chunk.index() + 1) + " of " + file.path() + " read by the JMC parser: " + leftToJmc);
        }
        return events;
    }

    private ChunkEvents parseWithJmc(byte[] buffer, RecordingFile file, ChunkSpan chunk, ChunkEvents events)
            throws RecordingProblem {
        // JMC steps over events by their sizes unchecked: past a damaged one it would skip the
        // rest of the chunk in silence. (The direct reader checks them as it reads them.)
        if (chunk.major() >= 1) {
            long bad = EventFraming.firstBadEvent(buffer, (int) chunk.size());
            if (bad >= 0) {
                throw ChunkHeaders.chunkProblem(file.path(), chunk.index(), chunk.offset(),
                        EventFraming.badSize(bad).describe(chunk.offset()));
            }
        }
        QuietJmc.ensure();
        ChunkCapture capture = new ChunkCapture(selection, scopeNames, stacks, parsedEvents, events);
        try {
            FlightRecordingLoader.readChunks(null, extensions(capture, chunk), oneChunk(buffer, (int) chunk.size()), false, false);
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

    /** The chunk read whole into this thread's buffer (one that holds all of it, reused for its next chunk). */
    private static byte[] readWhole(InputStream bytes, ChunkSpan span) throws IOException {
        int size = (int) span.size();
        byte[] buffer = BUFFERS.get();
        if (buffer.length < size) {
            // An eighth more, up to 4 MB: a recording's chunks differ a little in size, and each
            // larger one would otherwise be a new buffer of a chunk's size. No more: a large chunk
            // needs its room in the heap.
            buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size + Math.min(size / 8, 4L << 20))];
            BUFFERS.set(buffer);
        }
        new DataInputStream(bytes).readFully(buffer, 0, size);
        return buffer;
    }

    /** The chunk as JMC's chunk reader takes it, served from the buffer itself (no second copy). */
    private static IChunkSupplier oneChunk(byte[] buffer, int size) {
        DataInputStream input = new DataInputStream(new ByteArrayInputStream(buffer, MAGIC.length, size - MAGIC.length));
        return new IChunkSupplier() {
            private boolean supplied;

            @Override
            public Chunk getNextChunk(byte[] reusableBuffer) throws CouldNotLoadRecordingException, IOException {
                if (supplied) {
                    return null;
                }
                supplied = true;
                return new Chunk(input, MAGIC.length, buffer);
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

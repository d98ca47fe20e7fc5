package io.allocrec.analyzer.load;

/**
 * Damage the direct reader finds in a chunk: what the format says of itself does not hold (a
 * length that does not match its content, a chain that loops). JMC's parser reads some of these
 * as if nothing were wrong and loops for ever on others, so the chunk is reported as damaged
 * rather than handed on to it.
 */
final class DamagedChunk extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is damaged, as "a constant pool (checkpoint event)"; null when the damage is not in one place. */
    private final String part;
    /** Where that part starts in the chunk. */
    private final long offset;
    private final String problem;

    /** @param problem what is wrong, as "its constant pool chain loops" */
    DamagedChunk(String problem) {
        this(null, -1, problem);
    }

    /**
     * @param part    what is damaged, as "a constant pool (checkpoint event)"
     * @param offset  where that part starts in the chunk
     * @param problem what is wrong with it, as "whose entries end 12 bytes before its size says"
     */
    DamagedChunk(String part, long offset, String problem) {
        super(part == null ? problem : part + " at chunk offset " + offset + " " + problem, null, false, false);
        this.part = part;
        this.offset = offset;
        this.problem = problem;
    }

    /** A count of bytes in words: "1 byte", "12 bytes". */
    static String bytes(long count) {
        return String.format("%,d byte%s", count, count == 1 ? "" : "s");
    }

    /**
     * The damage in words, to follow "FILE: chunk 2 at byte 1000 ".
     *
     * @param chunkOffset where the chunk starts in the file: the damaged part is placed in the file
     */
    String describe(long chunkOffset) {
        return (part == null ? "cannot be parsed: " + problem
                : "has " + part + " at byte " + (chunkOffset + offset) + " " + problem) + ": the file is damaged";
    }
}

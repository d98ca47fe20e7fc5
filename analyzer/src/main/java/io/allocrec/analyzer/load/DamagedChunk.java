package io.allocrec.analyzer.load;

/**
 * Damage the direct reader finds that JMC's parser would not survive (it would loop for ever), so
 * the chunk is reported as damaged rather than handed on to JMC.
 */
final class DamagedChunk extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DamagedChunk(String message) {
        super(message);
    }
}

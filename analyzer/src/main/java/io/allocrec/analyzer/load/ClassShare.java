package io.allocrec.analyzer.load;

/**
 * The retained bytes of one class in one scenario's structure at one size (an
 * {@code allocrec.Breakdown} event: JOL's class histogram of the live structure).
 */
public record ClassShare(String scenario, long size, String className, long instances, long bytes) {
}

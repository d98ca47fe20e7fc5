package io.allocrec.harness;

/**
 * How many results of a scenario to keep alive together when measuring its retained size.
 *
 * <p>The live heap reading has a noise of up to a few kilobytes (JVM-internal objects that come
 * and go). Keeping enough copies that together they fill {@link #TARGET_BYTES} makes that noise
 * under 0.1% of the per-copy figure even for a one-element map.
 */
final class LiveCopies {

    /** Together the copies should hold about this many bytes. */
    static final long TARGET_BYTES = 16L << 20;

    /** A generous upper bound on the bytes per pair of any built-in container. */
    private static final long BYTES_PER_PAIR_BOUND = 256;
    private static final long BYTES_PER_CONTAINER_BOUND = 256;
    private static final int MAX_COPIES = 100_000;

    private LiveCopies() {
    }

    static int forSize(int n) {
        long perCopy = n * BYTES_PER_PAIR_BOUND + BYTES_PER_CONTAINER_BOUND;
        long copies = (TARGET_BYTES + perCopy - 1) / perCopy;
        return (int) Math.max(1, Math.min(MAX_COPIES, copies));
    }
}

package io.allocrec.analyzer.attribute;

/** Receives what the attribution settles, as it settles it. */
public interface SweepListener {

    /**
     * Whether the next scope to settle is wanted whole, as {@link #scope}; if not, it comes as
     * {@link #counted}, and no object is made for it (a busy recording settles millions).
     */
    boolean wantsScope();

    /** A scope whose figures are final. */
    void scope(FinishedScope scope);

    /**
     * A scope whose figures are final, given only as far as per-name statistics take them, each
     * as {@link FinishedScope} names it.
     */
    void counted(int nameId, long size, long allocatedBytes, long sampleWeightInclusive, long sampledBytes,
                 long sampledLow, long sampledHigh, boolean includesNested);

    /**
     * A sample whose innermost scope is final.
     *
     * @param nameId the innermost scope's name, or {@link #OUTSIDE_SCOPES}
     * @param key    the sample's allocation key (class and stack)
     * @param weight its weight in bytes
     */
    void sample(int nameId, int key, long weight);

    /** The name id of samples that fell in no scope. */
    int OUTSIDE_SCOPES = -1;
}

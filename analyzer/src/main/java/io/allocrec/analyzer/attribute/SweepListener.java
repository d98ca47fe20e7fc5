package io.allocrec.analyzer.attribute;

/** Receives what the attribution settles, as it settles it. */
public interface SweepListener {

    /** A scope whose figures are final. */
    void scope(FinishedScope scope);

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

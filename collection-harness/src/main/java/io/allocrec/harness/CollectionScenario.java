package io.allocrec.harness;

/** One container under test: builds it from the first {@code n} input pairs. */
public interface CollectionScenario {

    /** The scenario's name as it appears in the recording and the report. */
    String name();

    /** Builds a fresh container holding the first {@code n} pairs, each value copied. */
    Object build(KeyValueInputs inputs, int n);
}

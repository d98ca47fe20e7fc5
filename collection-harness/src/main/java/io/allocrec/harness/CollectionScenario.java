package io.allocrec.harness;

/**
 * What the allocation sweep runs: a named container built from the first {@code n} pairs.
 * Every scenario {@code record} runs is a {@link KeyValueScenario}, which adds what timing and
 * checking need; implement that one.
 */
public interface CollectionScenario {

    /** The scenario's name as it appears in the recording and the report. */
    String name();

    /** Builds a fresh container holding the first {@code n} pairs, each value copied. */
    Object build(KeyValueInputs inputs, int n);
}

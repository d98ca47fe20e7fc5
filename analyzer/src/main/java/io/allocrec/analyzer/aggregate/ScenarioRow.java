package io.allocrec.analyzer.aggregate;

import java.util.OptionalDouble;

/**
 * One row of {@code scenarios.csv}: a scope and its overhead ratio.
 *
 * @param scope         the scope
 * @param overheadRatio (retained - baseline retained) / baseline retained at the same size;
 *                      empty without a baseline run of that size or without retained figures
 */
public record ScenarioRow(NamedScope scope, OptionalDouble overheadRatio) {
}

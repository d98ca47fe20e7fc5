package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.AttributedScope;
import io.allocrec.analyzer.load.ScopeEvent;
import java.util.OptionalDouble;

/**
 * One scenario run, ready for output.
 *
 * @param scope         the run with its attributed samples
 * @param overheadRatio (retained - baseline retained) / baseline retained at the same size;
 *                      empty without a baseline run of that size or without retained figures
 */
public record ScenarioRow(AttributedScope scope, OptionalDouble overheadRatio) {

    public ScopeEvent event() {
        return scope.event();
    }
}

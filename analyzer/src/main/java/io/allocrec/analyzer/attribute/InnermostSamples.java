package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.ScopeEvent;
import io.allocrec.analyzer.load.ThreadSamples;

/** Told of each allocation sample that falls inside a scope, and which scope is the innermost. */
@FunctionalInterface
public interface InnermostSamples {

    /** Sample {@code index} of {@code samples} fell inside {@code scope} and no scope nested in it. */
    void sample(ScopeEvent scope, ThreadSamples samples, int index);
}

package io.allocrec.analyzer.attribute;

import io.allocrec.analyzer.load.ScopeEvent;

/**
 * A scope with the allocation samples attributed to it.
 *
 * @param event                 the scope as recorded; its exact allocated bytes include nested scopes
 * @param depth                 0 for a scope directly on its thread, 1 inside another scope, and so on
 * @param sampledBytes          bytes estimated from samples, excluding nested scopes: the samples
 *                              go to the innermost open scope
 * @param sampledBytesInclusive the same estimate including nested scopes, comparable with the exact figure
 * @param samples               how many samples fell inside the scope and not inside a nested one
 * @param hasNested             whether other scopes ran inside this one
 * @param sampleWeight          the summed weights of the samples counted in {@code samples}: the
 *                              classic estimator, poor for one scope (a weight spans an interval
 *                              that began before the scope) but unbiased summed over many
 * @param sampleWeightInclusive the same with the samples of nested scopes
 */
public record AttributedScope(ScopeEvent event, int depth, long sampledBytes, long sampledBytesInclusive, int samples,
                              boolean hasNested, long sampleWeight, long sampleWeightInclusive) {
}

package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.attribute.FinishedScope;

/** A settled scope with its name in words (untrusted text from the recording). */
public record NamedScope(String name, FinishedScope figures) {
}

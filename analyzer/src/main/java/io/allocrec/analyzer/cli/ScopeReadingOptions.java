package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.load.ScopeSelection;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * The options {@code diff} and {@code check} share to read recordings as {@code report} does:
 * which events are the scopes, and whether unreadable recordings are left out.
 */
final class ScopeReadingOptions {

    @Option(names = "--scope-event", paramLabel = "TYPE",
            description = "Take the events of this duration type as the scopes (as report does).")
    String scopeEvent;

    @Option(names = "--label", paramLabel = "FIELD", description = "Field of the --scope-event type that names each scope.")
    String label;

    @Option(names = "--skip-bad", description = "Leave out unreadable recordings (each is named) instead of failing.")
    boolean skipBad;

    ScopeSelection selection() {
        return RecordingsReader.selection(scopeEvent, label);
    }

    RecordingsReader reader(String command, PrintStream stderr) {
        return new RecordingsReader(command, stderr, skipBad);
    }
}

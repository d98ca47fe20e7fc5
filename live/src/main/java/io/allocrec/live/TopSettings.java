package io.allocrec.live;

import io.allocrec.analyzer.load.ScopeSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JFR settings {@code top} starts its recording with: the scope events and the allocation
 * samples it shows, and nothing else, so the JVM it watches pays for no event it does not read.
 * The samples are throttled as in {@code production.jfc} and carry no stack trace (top shows none).
 * JFR records the union of every running recording's settings, so a user's own recording loses
 * nothing by this one.
 */
final class TopSettings {

    static final String SAMPLE_TYPE = "jdk.ObjectAllocationSample";
    static final String SAMPLE_RATE = "150/s";

    private TopSettings() {
    }

    /** Writes the settings to a file of their own, readable by the JVM (same user), deleted by the caller. */
    static Path write(ScopeSelection scopes) throws IOException {
        Path file = Files.createTempFile("allocrec-top-", ".jfc");
        Files.writeString(file, text(scopes), StandardCharsets.UTF_8);
        return file;
    }

    /** The event type must be a valid JFR name (the command checks it): it is written into XML unescaped. */
    static String text(ScopeSelection scopes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<configuration version=\"2.0\" label=\"allocrec top\" provider=\"allocrec\" description=\"")
                .append("Scope events and throttled allocation samples, for allocrec top.\">\n");
        event(xml, scopes.eventType(), "<setting name=\"threshold\">0 ms</setting>");
        event(xml, SAMPLE_TYPE, "<setting name=\"throttle\">" + SAMPLE_RATE + "</setting>");
        return xml.append("</configuration>\n").toString();
    }

    private static void event(StringBuilder xml, String type, String setting) {
        xml.append("  <event name=\"").append(type).append("\">\n")
                .append("    <setting name=\"enabled\">true</setting>\n")
                .append("    ").append(setting).append('\n')
                .append("    <setting name=\"stackTrace\">false</setting>\n")
                .append("  </event>\n");
    }
}

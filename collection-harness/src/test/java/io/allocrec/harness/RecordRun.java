package io.allocrec.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine;

/** {@code allocrec record} run in this JVM, as {@code ./allocrec} runs it: exit code and everything it printed on stderr. */
record RecordRun(int exit, String err) {

    static RecordRun of(String... args) {
        StringWriter usage = new StringWriter();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        int exit;
        try (PrintStream capture = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            CommandLine commandLine = new CommandLine(new RecordCommand());
            commandLine.setErr(new PrintWriter(usage, true));
            commandLine.setOut(new PrintWriter(new StringWriter(), true));
            exit = commandLine.execute(args);
        } finally {
            System.setErr(stderr);
        }
        String err = usage + progress.toString(StandardCharsets.UTF_8);
        stderr.print(err);
        return new RecordRun(exit, err);
    }

    /** The last line printed: where a failed run says why. */
    String lastLine() {
        List<String> lines = err.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    static List<RecordedEvent> events(Path recording, String type) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals(type)).toList();
    }
}

package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** record refuses, before measuring anything, what cannot work: one line, exit 2, no stack trace. */
class RecordCommandTest {

    @TempDir
    Path folder;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new RecordCommand());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(commandLine.execute(args), err.toString());
    }

    @Test
    void aSizeTheHeapCannotHoldIsAUsageError() {
        Run run = run("--out", folder.resolve("x.jfr").toString(), "--sizes", "2000000000");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("size 2,000,000,000 does not fit in this JVM's"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(folder.resolve("x.jfr")));
    }

    @Test
    void anOutputThatIsAFolderIsRefusedBeforeMeasuring() {
        Run run = run("--out", folder.toString(), "--sizes", "10");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("--out names a folder"), run.err());
    }
}

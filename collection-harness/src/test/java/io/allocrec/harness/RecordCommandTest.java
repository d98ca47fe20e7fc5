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

    @Test
    void timingOptionsThatContradictOrCannotWorkAreUsageErrors() {
        String out = folder.resolve("x.jfr").toString();
        Run both = run("--out", out, "--sizes", "10", "--no-timing", "--timing-sizes", "10");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().startsWith("give --timing-sizes or --no-timing, not both"), both.err());
        Run one = run("--out", out, "--sizes", "10", "--timing-iterations", "1");
        assertEquals(2, one.exit(), one.err());
        assertTrue(one.err().startsWith("--timing-iterations must be at least 2"), one.err());
        Run breakdown = run("--out", out, "--sizes", "10", "--no-breakdown", "--breakdown-sizes", "10");
        assertEquals(2, breakdown.exit(), breakdown.err());
        assertFalse(Files.exists(folder.resolve("x.jfr")));
    }

    @Test
    void helpSaysWhichSizesAreTimedAndHowToChooseThem() {
        StringWriter help = new StringWriter();
        new CommandLine(new RecordCommand()).usage(new PrintWriter(help, true));
        assertTrue(help.toString().contains("powers of ten"), help.toString());
        for (String option : new String[] {"--timing-sizes", "--no-timing", "--breakdown-sizes", "--no-breakdown",
            "--scenario-class", "--classpath", "--timing-forks"}) {
            assertTrue(help.toString().contains(option), option);
        }
        assertFalse(help.toString().contains("%n"), "picocli formatted every line");
    }
}

package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

/** The tool's one entry point: version, help, usage errors. */
class MainTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionIsThePomVersion() {
        Run run = run("--version");
        assertEquals(0, run.exit());
        String pomVersion = System.getProperty("pom.version");
        assertFalse(pomVersion == null || pomVersion.isBlank(), "surefire passes the pom's version");
        assertTrue(run.out().startsWith("allocrec " + pomVersion + System.lineSeparator()), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "report", "diff", "check", "demo", "example-service", "list", "top"})
    void everyCommandHasHelpWithAnExample(String command) {
        // picocli complains about a bad format string (an unescaped %) on System.err, not on ours.
        PrintStream systemErr = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        Run run;
        try {
            System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            run = run(command, "--help");
        } finally {
            System.setErr(systemErr);
        }
        assertEquals("", picocliWarnings.toString(StandardCharsets.UTF_8));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Usage: allocrec " + command), run.out());
        String example = run.out().substring(run.out().indexOf("Example:"));
        assertTrue(example.contains("./allocrec " + command), run.out());
        assertEquals("", run.err());
    }

    @Test
    void helpCommandExplainsACommand() {
        Run run = run("help", "report");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("Usage: allocrec report"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
    }

    @Test
    void helpListsEveryCommandUnderItsOwnName() {
        Run run = run("--help");
        assertEquals(0, run.exit(), run.err());
        String commands = run.out().substring(run.out().indexOf("Commands:"));
        int previous = -1;
        for (Map.Entry<String, Class<?>> command : Main.COMMANDS.entrySet()) {
            assertEquals(command.getValue().getAnnotation(Command.class).name(), command.getKey());
            int listed = commands.indexOf(System.lineSeparator() + "  " + command.getKey() + " ");
            assertTrue(listed > previous, command.getKey() + " in order in " + commands);
            previous = listed;
        }
    }

    @Test
    void unknownCommandIsExit2InOneLinePointingToHelp() {
        Run run = run("bogus");
        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("'bogus'") && run.err().contains("(see 'allocrec --help')"), run.err());
    }

    @Test
    void unknownOptionIsExit2InOneLinePointingToTheCommandsHelp() {
        Run run = run("report", "--no-such-option", "x.jfr", "--out", "o");
        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--no-such-option") && run.err().contains("(see 'allocrec report --help')"),
                run.err());
    }

    @Test
    void noCommandIsExit2() {
        Run run = run();
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("name a command"), run.err());
    }

    @Test
    void controlCharactersOnTheCommandLineDoNotReachTheTerminal() {
        Run run = run("report", "--frob\u001b[2J", "x.jfr", "--out", "o");
        assertEquals(2, run.exit());
        assertTrue(!run.err().contains("\u001b") && run.err().contains("--frob?[2J"), run.err());
    }

    @Test
    void commandJvmOptionsAreThePomsThenTheUsersThenTheMarker() {
        List<String> record = BuildInfo.jvmOptions("record");
        assertEquals(List.of(System.getProperty("allocrec.record.jvm").split(" ")), record);
        assertEquals(List.of(System.getProperty("allocrec.report.jvm").split(" ")), BuildInfo.jvmOptions("report"));
        assertTrue(BuildInfo.jvmOptions("demo").isEmpty(), "demo runs record and report in their own JVMs");
        CommandJvm report = CommandJvm.of("report").orElseThrow();
        List<String> options = report.startOptions("  -Xmx4g   -Dx=y ", List.of("no-such.jfr"));
        assertEquals("-Xmx4g", options.get(options.size() - 3), "the user's -Xmx comes after ours and wins");
        assertEquals("-Dallocrec.jvm=report", options.get(options.size() - 1));
    }

    @Test
    void smallRecordingsAreReadWithThePomsSmallInputOptionsAndLargeOnesWithout(@TempDir Path folder)
            throws IOException {
        List<String> small = List.of(System.getProperty("allocrec.report.small.jvm").split(" "));
        long limit = Long.parseLong(System.getProperty("allocrec.report.small.bytes"));
        assertEquals(limit, BuildInfo.smallInputBytes());
        Path recording = Files.write(folder.resolve("small.jfr"), new byte[1000]);
        Path large = sparse(folder.resolve("large.jfr"), limit);
        Path repository = Files.createDirectories(folder.resolve("repository"));
        sparse(repository.resolve("a.jfr"), limit / 2);
        sparse(repository.resolve("b.jfr"), limit / 2);
        CommandJvm report = CommandJvm.of("report").orElseThrow();
        for (String command : List.of("report", "diff", "check")) {
            CommandJvm jvm = CommandJvm.of(command).orElseThrow();
            assertTrue(jvm.startOptions(null, List.of(recording.toString(), "--out", "x")).containsAll(small), command);
        }
        assertFalse(report.startOptions(null, List.of(large.toString())).containsAll(small), "as large as the limit");
        assertFalse(report.startOptions(null, List.of(repository.toString())).containsAll(small), "a folder's files add up");
        Path deep = Files.createDirectories(folder.resolve("out/a/b"));
        sparse(deep.resolve("c.jfr"), limit);
        assertTrue(report.startOptions(null, List.of(recording.toString(), "--out", folder.resolve("out").toString()))
                .containsAll(small), "files deeper than report looks for recordings do not count");
        assertFalse(report.startOptions(null, List.of(recording.toString(), large.toString())).containsAll(small),
                "the files named add up");
        assertTrue(CommandJvm.of("record").orElseThrow().smallInputOptions().isEmpty(), "record compiles as it always does");
    }

    /** A file of {@code length} bytes that takes no room on disk: its size, not its blocks, is what counts. */
    private static Path sparse(Path path, long length) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(length);
        }
        return path;
    }
}

package io.allocrec.analyzer;

import io.allocrec.analyzer.cli.CheckCommand;
import io.allocrec.analyzer.cli.DiffCommand;
import io.allocrec.analyzer.cli.ReportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code report}, {@code diff} or {@code check} in-process, as the tool's entry point does, and keeps what it printed.
 * An exception from the command (a bug) reaches the test instead of becoming exit code 1.
 */
public record ReportRun(int exitCode, String out, String err) {

    /** @param args the command line after {@code allocrec}, starting with {@code report}, {@code diff} or {@code check} */
    public static ReportRun of(String... args) {
        if (args.length == 0 || !List.of("report", "diff", "check").contains(args[0])) {
            throw new IllegalArgumentException("start with report, diff or check: " + Arrays.toString(args));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Object command = switch (args[0]) {
            case "diff" -> new DiffCommand(outStream, errStream);
            case "check" -> new CheckCommand(outStream, errStream);
            default -> new ReportCommand(outStream, errStream);
        };
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(outStream, true));
        commandLine.setErr(new PrintWriter(errStream, true));
        int exit = commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
        return new ReportRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

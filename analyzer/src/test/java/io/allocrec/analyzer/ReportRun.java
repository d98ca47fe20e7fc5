package io.allocrec.analyzer;

import io.allocrec.analyzer.cli.ReportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Runs {@code report} in-process, as the tool's entry point does, and keeps what it printed.
 * An exception from the command (a bug) reaches the test instead of becoming exit code 1.
 */
public record ReportRun(int exitCode, String out, String err) {

    /** @param args the command line after {@code allocrec}, starting with {@code report} */
    public static ReportRun of(String... args) {
        if (args.length == 0 || !args[0].equals("report")) {
            throw new IllegalArgumentException("start with \"report\": " + Arrays.toString(args));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new ReportCommand(outStream, errStream));
        commandLine.setOut(new PrintWriter(outStream, true));
        commandLine.setErr(new PrintWriter(errStream, true));
        int exit = commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
        return new ReportRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

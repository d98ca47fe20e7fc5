package io.allocrec.cli;

import io.allocrec.exit.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code allocrec demo}: {@code record} the default sweep, then {@code report} it, into one folder. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Records the built-in collection scenarios over the default size sweep (about 90 s on "
                + "2 cores) and reports on the recording: DIR/allocrec-demo.jfr, scenarios.csv, growth.png, "
                + "overhead.png, and a summary on the terminal.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:internal error (a bug: please report it with the stack trace)",
            "2:bad command line",
            "5:the output folder cannot be created or written",
            "other:as record or report (see their help)"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec demo --out /tmp/allocrec-demo",
            "  then open /tmp/allocrec-demo/overhead.png, or the .jfr in JDK Mission Control"})
final class DemoCommand implements Callable<Integer> {

    static final String RECORDING = "allocrec-demo.jfr";

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the recording and the report "
            + "(default: ${DEFAULT-VALUE}).")
    Path out = Path.of("allocrec-out");

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Subcommands subcommands;

    DemoCommand(PrintStream stdout, PrintStream stderr, Subcommands subcommands) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.subcommands = subcommands;
    }

    @Override
    public Integer call() {
        if (!OutputFolders.create(out, "demo", stderr)) {
            return ExitCodes.NOT_WRITABLE;
        }
        Path recording = out.resolve(RECORDING);
        int exit = subcommands.run("record", "--out", recording.toString());
        if (exit != 0) {
            return exit;
        }
        exit = subcommands.run("report", recording.toString(), "--out", out.toString());
        if (exit == 0) {
            stdout.println("Recording: " + recording + " (open it in JDK Mission Control)");
        }
        return exit;
    }
}

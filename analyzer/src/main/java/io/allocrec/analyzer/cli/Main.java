package io.allocrec.analyzer.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code allocrec}: the analyzer's entry point. */
@Command(name = "allocrec", mixinStandardHelpOptions = true,
        description = "Analyses JFR recordings of allocation scopes.",
        subcommands = ReportCommand.class)
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line and returns its exit code; user errors are one line on stderr. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Main(), new Factory(out, err));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            err.println("allocrec: internal error, please report it:");
            exception.printStackTrace(err);
            return ExitCodes.INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: report");
    }

    /** Gives the commands the streams to print to, so tests can read them. */
    private record Factory(PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ReportCommand.class) {
                return type.cast(new ReportCommand(out, err));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}

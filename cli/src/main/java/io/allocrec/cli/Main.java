package io.allocrec.cli;

import io.allocrec.analyzer.cli.CheckCommand;
import io.allocrec.analyzer.cli.DiffCommand;
import io.allocrec.analyzer.cli.ReportCommand;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.attach.ListCommand;
import io.allocrec.exit.ExitCodes;
import io.allocrec.harness.RecordCommand;
import io.allocrec.live.TopCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code allocrec}: the one entry point of the tool. {@code record} and {@code report} each run
 * in a JVM with the options they need ({@link CommandJvm}), started from here when this JVM is
 * not already one; everything else runs here.
 */
@Command(name = "allocrec", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Records allocation scenarios under JDK Flight Recorder and reports what each scope "
                + "allocated: exact figures where the recording has them, sampled ones with their error.",
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec demo", "  ./allocrec help report"})
public final class Main implements Runnable {

    static {
        // picocli looks for Groovy's Closure class once, for annotations written in Groovy; a class
        // found nowhere is looked for in every jar on the class path, and opening the 37 jars took
        // 40 ms of each report's start, on the one thread that runs then.
        System.setProperty("picocli.disable.closures", "true");
    }

    /**
     * The commands, in the order help lists them. Added to the command line as needed: picocli
     * reads every option of a command by reflection, and building them all took a fifth of a short
     * report's CPU time, so a command line naming one command builds that one only.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("demo", DemoCommand.class);
        commands.put("record", RecordCommand.class);
        commands.put("report", ReportCommand.class);
        commands.put("diff", DiffCommand.class);
        commands.put("check", CheckCommand.class);
        commands.put("list", ListCommand.class);
        commands.put("top", TopCommand.class);
        commands.put("example-service", ExampleServiceCommand.class);
        commands.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean ownJvms;

    private Main(PrintStream out, PrintStream err, boolean ownJvms) {
        this.out = out;
        this.err = err;
        this.ownJvms = ownJvms;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err, true).execute(args));
    }

    /**
     * Runs a command line in this JVM, whatever JVM options its command would otherwise get, and
     * returns its exit code: for tests.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return new Main(out, err, false).execute(args);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: demo, record, report, diff, check, list, top, example-service or help");
    }

    private int execute(String... args) {
        CommandLine commandLine = new CommandLine(this, new Factory());
        // Settings below reach the commands present when they are made: add the commands first.
        // Help and a line that names no command (--help, a typo) need them all.
        Class<?> named = args.length > 0 && !"help".equals(args[0]) ? COMMANDS.get(args[0]) : null;
        COMMANDS.forEach((name, type) -> {
            if (named == null || named == type) {
                commandLine.addSubcommand(name, type);
            }
        });
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            err.println("allocrec: internal error, please report it:");
            exception.printStackTrace(err);
            return ExitCodes.INTERNAL_ERROR;
        });
        commandLine.setParameterExceptionHandler((problem, arguments) -> {
            // One line, as every error: the usage is one --help away.
            CommandLine command = problem.getCommandLine();
            err.println(PrintableText.of(command.getCommandSpec().qualifiedName() + ": " + problem.getMessage()
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')"));
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionStrategy(parseResult -> inOwnJvm(parseResult)
                .map(jvm -> runForked(jvm, args))
                .orElseGet(() -> new CommandLine.RunLast().execute(parseResult)));
        return commandLine.execute(args);
    }

    /** The JVM to start for the command, if it needs one and this is not it; help runs here. */
    private Optional<CommandJvm> inOwnJvm(ParseResult parseResult) {
        ParseResult subcommand = parseResult.subcommand();
        if (!ownJvms || subcommand == null || subcommand.isUsageHelpRequested()
                || subcommand.isVersionHelpRequested()) {
            return Optional.empty();
        }
        return CommandJvm.of(subcommand.commandSpec().name()).filter(jvm -> !jvm.isCurrent());
    }

    private int runForked(CommandJvm jvm, String... args) {
        try {
            return ForkedJvm.run(jvm, List.of(args));
        } catch (IOException e) {
            err.println("allocrec: cannot start a JVM for " + jvm.command() + ": " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /** Gives each command the streams to print to and, where it runs others, a way to run them. */
    private final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Subcommands subcommands = Main.this::execute;
            if (type == ReportCommand.class) {
                return type.cast(new ReportCommand(out, err));
            }
            if (type == DiffCommand.class) {
                return type.cast(new DiffCommand(out, err));
            }
            if (type == CheckCommand.class) {
                return type.cast(new CheckCommand(out, err));
            }
            if (type == RecordCommand.class) {
                return type.cast(new RecordCommand(subcommands::run));
            }
            if (type == TopCommand.class) {
                return type.cast(new TopCommand(out, err));
            }
            if (type == ListCommand.class) {
                return type.cast(new ListCommand(out));
            }
            if (type == DemoCommand.class) {
                return type.cast(new DemoCommand(out, err, subcommands));
            }
            if (type == ExampleServiceCommand.class) {
                return type.cast(new ExampleServiceCommand(out, err, subcommands));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}

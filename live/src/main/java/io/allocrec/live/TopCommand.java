package io.allocrec.live;

import io.allocrec.agent.ScopeFilter;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.attach.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code allocrec top PID}: a running JVM's allocation per scope, second by second. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Shows the scopes of a running JVM live, as top shows processes: per scope name, calls per "
                + "second, bytes per second, and the exact mean and p99 bytes per call over the last --window, "
                + "refreshed every --interval. Scopes are allocrec.Scenario events (AllocationScope in code, or "
                + "methods scoped by the agent) or, with --scope-event, any duration event. A name without exact "
                + "figures gets sampled ones, marked ~ with their 95%% interval.",
            "It attaches to the JVM (a local socket, no network port), starts a JFR recording of its own with "
                + "only the scope events and throttled allocation samples (disk, last minute kept), reads it from the "
                + "JVM's repository as the JVM writes it (the JDK's EventStream), and stops it on q, Ctrl-C or when "
                + "the JVM exits.",
            "Not on a terminal (a pipe, a log), it prints one table per interval with its date and time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ended by q, Ctrl-C, the JVM's exit, or after one window with --once",
            "2:bad command line", "4:the JVM has no events of the scope type, or the type lacks the --label field",
            "8:no such process, or not a Java virtual machine",
            "9:the JVM refused (attach disabled, another user's, Java older than 14, agents disallowed with --scope, JFR "
                + "refused) or wrote no events"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec top 12345", "  ./allocrec top 12345 --scope 'com.shop.Orders::handle;com.shop.Cart'",
            "  ./allocrec top 12345 --once --window 5s --json",
            "  ./allocrec top 12345 --scope-event profiler.Span --label tag"})
public final class TopCommand implements Callable<Integer> {

    /** A JFR event or field name: it goes into the settings file unescaped, so nothing else is let in. */
    private static final Pattern JFR_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM's process id (allocrec list shows them).")
    long pid;

    @Option(names = "--interval", paramLabel = "TIME", description = "How often the table is shown (default: ${DEFAULT-VALUE}).")
    String interval = "1s";

    @Option(names = "--window", paramLabel = "TIME", description = "The whole seconds each table covers, the newest "
            + "complete ones (default: ${DEFAULT-VALUE}).")
    String window = "10s";

    @Option(names = "--sort", paramLabel = "KEY", description = "Sort by bytes (per second), calls, mean or p99, the "
            + "largest first (default: ${DEFAULT-VALUE}).")
    String sort = "bytes";

    @Option(names = "--rows", paramLabel = "N", description = "Show at most N names (default: what fits the terminal; "
            + "all of them when not on a terminal).")
    int rows;

    @Option(names = "--once", description = "Print one table after one full window, and end.")
    boolean once;

    @Option(names = "--json", description = "One JSON object per interval, on one line, for other tools.")
    boolean json;

    @Option(names = "--scope-event", paramLabel = "TYPE", description = "Take the events of this duration type as the "
            + "scopes (as report does), such as profiler.Span or jdk.MethodTrace.")
    String scopeEvent;

    @Option(names = "--label", paramLabel = "FIELD", description = "Field of the --scope-event type that names each scope.")
    String label;

    @Option(names = "--scope", paramLabel = "FILTER", description = "Make every call of these methods a scope while top "
            + "runs, with its exact bytes, through the allocrec agent (no code change; taken out when top ends). "
            + "JDK 25's method-tracing filters, as record --pid --scope takes them.")
    List<String> scopeFilters = new ArrayList<>();

    @Option(names = "--scope-signatures", description = "With --scope: name each scope with its parameter types.")
    boolean signatures;

    public TopCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        TopSession.Request request = request();
        return TopSession.run(request, out, err);
    }

    private TopSession.Request request() {
        Duration every = duration("--interval", interval);
        Duration covered = duration("--window", window);
        if (covered.toMillis() % 1000 != 0 || covered.toSeconds() > 3600) {
            throw bad("--window is counted in whole seconds, at most an hour: '" + window + "'");
        }
        TopSort order;
        try {
            order = TopSort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("--sort takes bytes, calls, mean or p99, not '" + sort + "'");
        }
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            throw bad("PID " + pid + " is not a JVM allocrec can watch");
        }
        if (rows < 0) {
            throw bad("--rows must be positive");
        }
        if (label != null && scopeEvent == null) {
            throw bad("--label goes with --scope-event");
        }
        if ((!scopeFilters.isEmpty() || signatures) && scopeEvent != null) {
            throw bad("--scope makes allocrec.Scenario scopes: it does not go with --scope-event");
        }
        if (signatures && scopeFilters.isEmpty()) {
            throw bad("--scope-signatures goes with --scope");
        }
        List<ScopeFilter> filters = new ArrayList<>();
        for (String filter : scopeFilters) {
            try {
                filters.addAll(ScopeFilter.parseAll(filter));
            } catch (ScopeFilter.SyntaxException e) {
                throw bad(e.getMessage());
            }
        }
        ScopeSelection scopes = ScopeSelection.scenarios();
        if (scopeEvent != null) {
            if (!JFR_NAME.matcher(scopeEvent).matches() || (label != null && !JFR_NAME.matcher(label).matches())) {
                throw bad("--scope-event and --label take JFR names (letters, digits, '.', '_', '$')");
            }
            scopes = new ScopeSelection(scopeEvent, label);
        }
        return new TopSession.Request(pid, scopes, filters, signatures, every, (int) covered.toSeconds(), order, rows, once,
                json);
    }

    private Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

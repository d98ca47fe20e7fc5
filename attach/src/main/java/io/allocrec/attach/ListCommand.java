package io.allocrec.attach;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code allocrec list}: the JVMs {@code record --pid} can record, as {@code jcmd -l} lists them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the Java virtual machines on this machine that this user can attach to, as jcmd -l "
                + "does, with the Java version each runs (read from its performance data: nothing is sent to it).",
            "A JVM started with -XX:-UsePerfData is not listed, but record --pid still reaches it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (possibly none)"},
        footerHeading = "%nExample:%n",
        footer = {"  ./allocrec list", "  ./allocrec record --pid 12345 --duration 30s --scope com.shop.Orders::handle "
                + "--out orders.jfr --report orders/"})
public final class ListCommand implements Callable<Integer> {

    private final PrintStream out;

    public ListCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        print(LocalJvm.list(), out);
        return 0;
    }

    /** Prints the table, or says there is none. */
    public static void print(List<LocalJvm> jvms, PrintStream out) {
        if (jvms.isEmpty()) {
            out.println("No Java virtual machine of this user's is running (besides this one).");
            return;
        }
        int versionWidth = Math.max("JAVA".length(), jvms.stream().mapToInt(j -> j.javaVersion().length()).max().orElse(0));
        String format = "%-8s %-" + versionWidth + "s %s%n";
        out.printf(format, "PID", "JAVA", "MAIN CLASS OR JAR");
        for (LocalJvm jvm : jvms) {
            out.printf(format, jvm.pid(), jvm.javaVersion(), jvm.mainClass().isBlank() ? "?" : jvm.mainClass());
        }
    }
}

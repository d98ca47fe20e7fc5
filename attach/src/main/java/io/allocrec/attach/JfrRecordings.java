package io.allocrec.attach;

import io.allocrec.exit.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JFR recordings of a running JVM, started, listed and stopped with the diagnostic commands
 * {@code jcmd PID JFR.start|JFR.check|JFR.stop} runs. allocrec's recordings are named
 * {@value #PREFIX}TOOLPID-N ({@code record --pid}) or {@value #TOP_PREFIX}TOOLPID-N ({@code top}), so
 * a later run can tell its own leftovers from a user's recordings.
 */
public final class JfrRecordings {

    static final String PREFIX = "allocrec-record-";
    public static final String TOP_PREFIX = "allocrec-top-";
    private static final Pattern LISTED = Pattern.compile("^Recording \\d+: name=(\\S+)", Pattern.MULTILINE);
    private static final Pattern OURS = Pattern.compile("allocrec-(?:record|top)-(\\d+)-\\d+");

    private final AttachedJvm jvm;

    public JfrRecordings(AttachedJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * Starts a recording that writes {@code file} when stopped, when {@code limit} has passed, or when
     * the JVM exits.
     */
    void start(String name, Path settings, Path file, Duration limit) throws AttachProblem {
        jfrStart("name=" + name + " settings=" + quoted(settings) + " filename=" + quoted(file)
                + " dumponexit=true duration=" + Durations.forJcmd(limit));
    }

    /**
     * Starts a recording that keeps the last {@code maxAge} of events in the JVM's disk repository,
     * written as it goes, and nothing else: for a reader of the repository. It runs until stopped.
     */
    public void startInRepository(String name, Path settings, Duration maxAge) throws AttachProblem {
        jfrStart("name=" + name + " settings=" + quoted(settings) + " disk=true maxage=" + Durations.forJcmd(maxAge));
    }

    private void jfrStart(String arguments) throws AttachProblem {
        String printed = jvm.jcmd("JFR.start " + arguments);
        if (!printed.strip().startsWith("Started recording")) {
            throw new AttachProblem(ExitCodes.REFUSED, "JVM " + jvm.pid() + " did not start a JFR recording: "
                    + AttachedJvm.oneLine(new Exception(printed)));
        }
    }

    /**
     * Makes the JVM begin a new chunk, by starting and stopping a recording with no events. JFR's
     * first chunk after a recording starts can hold events whose strings are in no constant pool
     * (seen on JDK 17: scope names read as null); the chunks after it hold them all.
     */
    public void beginNewChunk(String name) throws AttachProblem {
        jvm.jcmd("JFR.start name=" + name + " settings=none");
        jvm.jcmd("JFR.stop name=" + name);
    }

    public boolean isRunning(String name) throws AttachProblem {
        return names().contains(name);
    }

    /** Stops a recording: JFR writes it to its file. False when there was none of that name. */
    public boolean stop(String name) throws AttachProblem {
        return jvm.jcmd("JFR.stop name=" + name).strip().startsWith("Stopped recording");
    }

    /** allocrec's recordings whose {@code record --pid} is no longer running (killed, say). */
    List<String> orphans() throws AttachProblem {
        List<String> orphans = new ArrayList<>();
        for (String name : names()) {
            Matcher ours = OURS.matcher(name);
            if (ours.matches() && ProcessHandle.of(Long.parseLong(ours.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                orphans.add(name);
            }
        }
        return orphans;
    }

    /** Every recording of allocrec's, running or not. */
    List<String> ours() throws AttachProblem {
        return names().stream().filter(name -> OURS.matcher(name).matches()).toList();
    }

    private List<String> names() throws AttachProblem {
        List<String> names = new ArrayList<>();
        Matcher listed = LISTED.matcher(jvm.jcmd("JFR.check"));
        while (listed.find()) {
            names.add(listed.group(1));
        }
        return names;
    }

    /** A path as a jcmd argument: quoted when it holds a space. */
    private static String quoted(Path path) {
        String text = path.toAbsolutePath().toString();
        return text.contains(" ") ? "\"" + text + "\"" : text;
    }
}

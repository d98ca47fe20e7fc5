package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@link KnownAllocations} running in a process of its own: the JVM the tests record while it runs. */
final class TargetJvm implements AutoCloseable {

    /** What the application counted for one method: its calls and their exact bytes. */
    record Figure(long calls, long bytes) {
        long meanBytes() {
            return Math.round(bytes / (double) calls);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Path log;

    private TargetJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the application on {@code java} with extra JVM options and waits until it is working. */
    static TargetJvm start(Path java, Path folder, List<String> options, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", testClasses(), KnownAllocations.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(folder, "target-", ".err");
        TargetJvm target = new TargetJvm(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
        String first = target.out.readLine();
        assertEquals("ready", first, "the application did not start: " + Files.readString(log));
        return target;
    }

    long pid() {
        return process.pid();
    }

    /** The application's own counts, per scope name, and the calls whose result was wrong. */
    Map<String, Figure> figures() throws IOException {
        in.println("figures");
        Map<String, Figure> figures = new HashMap<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            String[] words = line.split(" ");
            if (words[0].equals("wrong")) {
                figures.put("wrong", new Figure(Long.parseLong(words[1]), 0));
                return figures;
            }
            figures.put(words[1], new Figure(Long.parseLong(words[2]), Long.parseLong(words[3])));
        }
        throw new IOException("the application stopped answering: " + Files.readString(log));
    }

    /**
     * The calls per method that ended from epoch millisecond {@code from} to {@code to}, counted by
     * the application in tenths of a second (both ends rounded down to a tenth).
     */
    Map<String, Long> callsBetween(long from, long to) throws IOException {
        in.println("calls " + from + " " + to);
        Map<String, Long> calls = new HashMap<>();
        while (calls.size() < KnownAllocations.NAMES.length) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the application stopped answering: " + Files.readString(log));
            }
            String[] words = line.split(" ");
            calls.put(words[1], Long.parseLong(words[2]));
        }
        return calls;
    }

    /** What it wrote on standard error (the agent's lines go there). */
    String errors() throws IOException {
        return Files.readString(log);
    }

    boolean waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        in.println("exit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The folder of the test classes only: the application has nothing of allocrec's on its class path. */
    private static String testClasses() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes"))
                .findFirst().orElseThrow();
    }

    /** This JVM's java, the JDK 17 the build runs on. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** JDK 25's java: $JDK25_HOME, else the first JDK 25 under /usr/lib/jvm; null when there is none. */
    static Path jdk25Java() throws IOException {
        String home = System.getenv("JDK25_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
            return Path.of(home, "bin", "java");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(p -> p.getFileName().toString().matches(".*-25([.-].*)?"))
                    .map(p -> p.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .sorted().findFirst().orElse(null);
        }
    }

    static void assertAlive(TargetJvm target) {
        assertTrue(target.process.isAlive(), "the application must outlive the recording");
    }
}

package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A recording made on JDK 25 by {@link Jdk25Workload}, for tests that read what JDK 25 writes. */
public final class Jdk25Recordings {

    private Jdk25Recordings() {
    }

    /**
     * Runs the workload on JDK 25 under JFR, with jdk.MethodTrace on its two handlers.
     *
     * @return the recording, or null where no JDK 25 is installed
     */
    public static Path record(Path folder) throws Exception {
        Path java = jdk25Java();
        if (java == null) {
            return null;
        }
        Path recording = folder.resolve("jdk25.jfr");
        String workload = Jdk25Workload.class.getName();
        String filter = workload + "::handleOrder;" + workload + "::handleSearch";
        Process process = new ProcessBuilder(java.toString(),
                "-XX:TLABSize=1m", "-XX:-ResizeTLAB",
                "-XX:StartFlightRecording:filename=" + recording + ",settings=" + Path.of("..", "profiles", "allocation.jfc")
                        + ",+jdk.MethodTrace#enabled=true,+jdk.MethodTrace#threshold=0ms,+jdk.MethodTrace#filter=" + filter,
                "-cp", System.getProperty("java.class.path"), workload)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("jdk25.log").toFile())
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "JDK 25 workload did not finish");
        assertEquals(0, process.exitValue(), Files.readString(folder.resolve("jdk25.log")));
        return recording;
    }

    /** JDK 25's java: $JDK25_HOME, else the first JDK 25 under /usr/lib/jvm; null when there is none. */
    private static Path jdk25Java() throws IOException {
        String home = System.getenv("JDK25_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
            return Path.of(home, "bin", "java");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            List<Path> found = candidates.filter(p -> p.getFileName().toString().matches(".*-25([.-].*)?"))
                    .map(p -> p.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .sorted().toList();
            return found.isEmpty() ? null : found.get(0);
        }
    }
}

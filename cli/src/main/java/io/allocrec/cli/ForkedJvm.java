package io.allocrec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code allocrec ARGS} in a new JVM with a command's options: same java binary and class
 * path, standard streams shared. If this JVM is asked to stop (SIGTERM, SIGINT), the child is
 * stopped the same way and waited for, so a recording it is writing is finished or removed.
 */
final class ForkedJvm {

    private static final long STOP_WAIT_SECONDS = 60;

    private ForkedJvm() {
    }

    /** Returns the child's exit code (128 + the signal number if a signal ended it). */
    static int run(CommandJvm jvm, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvm.launcher());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm.startOptions(System.getenv("ALLOCREC_JAVA_OPTS"), args));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stopChild = new Thread(() -> stop(child), "stop-" + jvm.command());
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it stops the child.
            }
        }
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.allocrec.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says of a process, read before anything is sent to it: HotSpot's attach
 * starts by sending SIGQUIT, which ends a process that does not catch it, so a process is attached
 * to only when it is a JVM that can answer. Elsewhere (no {@code /proc}) each fact is unknown and the
 * Attach API's own checks are all there is.
 */
final class ProcessFacts {

    private static final int SIGQUIT = 3;

    private final Path status;

    private ProcessFacts(Path status) {
        this.status = status;
    }

    static ProcessFacts of(long pid) {
        return new ProcessFacts(Path.of("/proc", Long.toString(pid), "status"));
    }

    static ProcessFacts self() {
        return new ProcessFacts(Path.of("/proc/self/status"));
    }

    /** The effective user id, if known. */
    OptionalLong effectiveUid() {
        List<String> lines = lines();
        for (String line : lines) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(ids[1]));
            }
        }
        return OptionalLong.empty();
    }

    /** Whether the process catches SIGQUIT (a HotSpot JVM does, unless started with -Xrs); true when unknown. */
    boolean catchesQuitSignal() {
        for (String line : lines()) {
            if (line.startsWith("SigCgt:")) {
                long caught = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (caught & (1L << (SIGQUIT - 1))) != 0;
            }
        }
        return true;
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(status);
        } catch (IOException e) {
            return List.of();
        }
    }
}

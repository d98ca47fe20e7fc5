package io.allocrec.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives the service and the load client a CPU each (with Linux's {@code taskset}), so that they
 * do not fight over the same cores: sharing them made the round-to-round spread of the
 * throughput ±13% on 2 cores, far wider than the 2% the comparison must resolve. JFR's own
 * threads run on the service's CPU, so what they cost comes out of the service's throughput.
 */
final class CpuPinning {

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    private CpuPinning() {
    }

    static boolean available() {
        return Files.isExecutable(TASKSET) && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /** The command prefix that runs a process on the service's CPU, or nothing. */
    static List<String> service() {
        return available() ? List.of(TASKSET.toString(), "-c", "0") : List.of();
    }

    /** The command prefix that runs a process on the client's CPU, or nothing. */
    static List<String> client() {
        return available() ? List.of(TASKSET.toString(), "-c", "1") : List.of();
    }
}

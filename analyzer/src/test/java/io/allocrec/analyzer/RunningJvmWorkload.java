package io.allocrec.analyzer;

import io.allocrec.recorder.AllocationScope;
import java.io.IOException;
import jdk.jfr.Recording;

/**
 * Run by {@link RunningJvmTest} in a JVM of its own, recording to a JFR repository the test
 * chose: scopes, each printed as "scope NAME SIZE ALLOCATED" (its exact bytes, as the scope
 * itself counted them), then a new chunk forced, then "ready"; then more scopes, into the chunk
 * the JVM is still writing, until the test closes this JVM's standard input.
 */
public final class RunningJvmWorkload {

    static volatile byte[] sink;

    public static void main(String[] args) throws Exception {
        int scopes = Integer.parseInt(args[0]);
        for (int i = 0; i < scopes; i++) {
            AllocationScope scope = AllocationScope.open("finished-" + (i % 3), i);
            try (scope) {
                sink = new byte[10_000 * (i + 1)];
            }
            System.out.println("scope finished-" + (i % 3) + " " + i + " " + scope.allocatedBytes());
        }
        // Starting a recording makes the JVM finish its chunk and start a new one (and stopping
        // it does again): every scope above is now in a finished chunk.
        try (Recording rotation = new Recording()) {
            rotation.start();
            rotation.stop();
        }
        System.out.println("ready");
        System.out.flush();
        Thread stop = new Thread(() -> {
            try {
                System.in.readAllBytes();
            } catch (IOException ignored) {
                // The test is gone: stop too.
            }
            System.exit(0);
        });
        stop.setDaemon(true);
        stop.start();
        for (long i = 0; ; i++) {
            try (AllocationScope scope = AllocationScope.open("unfinished", i)) {
                sink = new byte[10_000];
            }
            Thread.sleep(5);
        }
    }
}

package io.allocrec.analyzer.load;

import org.openjdk.jmc.common.IMCThread;

/** A key that tells threads apart across chunks and files: the Java thread id where there is one. */
final class ThreadKeys {

    private ThreadKeys() {
    }

    static String of(IMCThread thread) {
        if (thread == null) {
            return "none";
        }
        Long id = thread.getThreadId();
        return id != null ? "java:" + id : "name:" + thread.getThreadName();
    }
}

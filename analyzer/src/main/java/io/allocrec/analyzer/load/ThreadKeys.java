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
        return of(thread.getThreadId(), thread.getThreadName());
    }

    /** @param javaThreadId null for a thread without one (the JVM's own threads, in some formats) */
    static String of(Long javaThreadId, String name) {
        return javaThreadId != null ? "java:" + javaThreadId : "name:" + name;
    }
}

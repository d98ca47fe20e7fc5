package io.allocrec.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.Comparator;
import java.util.List;

/**
 * A JVM on this machine that this user can attach to, as {@code jcmd -l} lists them, with the Java
 * version it runs (from its performance data file: nothing is sent to it).
 *
 * @param pid         the process id
 * @param mainClass   what it runs: its main class or jar and arguments, as {@code jcmd -l} shows
 * @param javaVersion its {@code java.version}, or "?" when its performance data is off
 */
public record LocalJvm(long pid, String mainClass, String javaVersion) {

    /** The JVMs this user can attach to, this one left out, by process id. */
    public static List<LocalJvm> list() {
        long self = ProcessHandle.current().pid();
        return VirtualMachine.list().stream()
                .map(LocalJvm::of)
                .filter(jvm -> jvm.pid() != self && jvm.pid() > 0)
                .sorted(Comparator.comparingLong(LocalJvm::pid))
                .toList();
    }

    private static LocalJvm of(VirtualMachineDescriptor descriptor) {
        long pid;
        try {
            pid = Long.parseLong(descriptor.id());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        String version = HsPerfData.text(HsPerfData.fileOf(pid), "java.property.java.version").orElse("?");
        return new LocalJvm(pid, descriptor.displayName(), version);
    }

    /** Whether a JVM of this user's has this process id. */
    static boolean isListed(long pid) {
        String id = Long.toString(pid);
        return VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id));
    }
}

package io.allocrec.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the recorder (relocated into {@value #PACKAGE} when the agent jar is built) in the bootstrap
 * class loader, as the OpenTelemetry Java agent does with its bootstrap classes: the scope code
 * inlined into an application's methods then resolves from any class loader, and never meets the
 * application's own copy of the recorder.
 *
 * <p>The classes are copied from the agent jar into a jar of their own in the temporary folder,
 * removed when the JVM exits, and that jar is appended to the bootstrap class path, which cannot be
 * shortened again. HotSpot then prints one warning ("Sharing is only supported for boot loader
 * classes because bootstrap classpath has been appended") and loads classes of the platform and
 * application loaders from their jars rather than its class-data archive from then on: in a JVM
 * that is already running, almost all of them are loaded by then.
 */
final class BootstrapClasses {

    static final String PACKAGE = "io.allocrec.agent.bootstrap";
    private static final String PREFIX = PACKAGE.replace('.', '/') + '/';
    /** A class of the recorder under its relocated name: present in the bootstrap loader once added. */
    private static final String PROBE = PACKAGE + ".recorder.AllocationScope";

    private BootstrapClasses() {
    }

    /** Adds the classes, once per JVM; nothing to do when the agent runs unpackaged (its tests). */
    static void addOnce(Instrumentation instrumentation) throws IOException {
        if (isInBootstrapLoader()) {
            return;
        }
        Path agentJar = agentJar();
        if (agentJar == null) {
            return;
        }
        try (JarFile agent = new JarFile(agentJar.toFile())) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar(agent).toFile()));
        }
    }

    private static boolean isInBootstrapLoader() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The jar the agent was loaded from, or null when it runs from a folder of classes. */
    private static Path agentJar() throws IOException {
        try {
            Path location = Path.of(BootstrapClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the agent jar: " + e.getMessage(), e);
        }
    }

    private static Path bootstrapJar(JarFile agent) throws IOException {
        Path bootstrapJar = Files.createTempFile("allocrec-agent-bootstrap-", ".jar");
        bootstrapJar.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootstrapJar))) {
            Enumeration<JarEntry> entries = agent.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PREFIX) && !entry.isDirectory()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = agent.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bootstrapJar;
    }
}
